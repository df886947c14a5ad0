/**
 * HTTP the way a hostile or broken client sends it: raw bytes on a socket, bodies streamed by the
 * chunk, the server's memory read from /proc. Shared by the hardening and fuzz suites and
 * `npm run fuzz`.
 */
import http from 'node:http';
import net from 'node:net';
import { readFileSync } from 'node:fs';

/** What a streamed request got: the answer (if one came), how much of the body went out, and how it ended. */
export interface StreamedAnswer {
  status?: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Bytes of the body the client managed to send. */
  sent: number;
  /** A socket error the client saw after (or instead of) the answer. */
  error?: string;
}

/**
 * POSTs `total` bytes of `fill` in 64 KB chunks (chunked unless `headers` give a length), as fast
 * as the server takes them, and stops sending once the answer has arrived; or sends `body` whole.
 * Any method goes (TRACE included), which fetch refuses to send.
 */
export function streamBody(url: string, options: { method?: string; headers: Record<string, string>; total: number; fill?: number; body?: Uint8Array }): Promise<StreamedAnswer> {
  const chunk = Buffer.alloc(64 * 1024, options.fill ?? 0x61);
  return new Promise((resolve) => {
    let sent = 0;
    let answered = false;
    const result: StreamedAnswer = { headers: {}, body: '', sent: 0 };
    const finish = () => resolve({ ...result, sent });
    // A connection of its own (a hostile request must not leave a half-sent body on a pooled one),
    // kept alive as browsers keep theirs: `agent: false` would send `Connection: close`.
    const request = http.request(url, { method: options.method ?? 'POST', headers: options.headers, agent: new http.Agent({ keepAlive: true }) }, (response) => {
      answered = true;
      result.status = response.statusCode;
      result.headers = response.headers;
      response.setEncoding('utf8').on('data', (text: string) => (result.body += text));
      response.on('end', () => {
        request.destroy();
        finish();
      });
      response.on('error', finish);
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      result.error = error.code ?? error.message;
      if (!answered) finish();
    });
    if (options.body) {
      sent = options.body.length;
      return void request.end(options.body);
    }
    const pump = () => {
      while (!answered && sent < options.total) {
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once('drain', pump);
      }
      if (!answered) request.end();
    };
    pump();
  });
}

/** Opens a raw connection, writes `bytes`, and resolves with everything the server sent once it closes the connection. */
export function rawExchange(url: string, bytes: string | Uint8Array): Promise<{ answer: string; ms: number }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(Number(port), hostname, () => socket.write(bytes));
    let answer = '';
    socket.setEncoding('latin1').on('data', (chunk: string) => (answer += chunk));
    socket.on('close', () => resolve({ answer, ms: Date.now() - started }));
    socket.on('error', () => {});
  });
}

/** Resident memory of a process in MB, from /proc (Linux). */
export function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+)\s+kB/m);
  if (!line) throw new Error(`no VmRSS for process ${pid}`);
  return Number(line[1]) / 1024;
}

/** Whether a process is still alive. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
