import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { allowedHosts, createHealedServer, refusal } from '../../src/lib/http/node-server.ts';

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A free loopback port (the OS picks it; the tiny race before the server binds is accepted). */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** A server whose handler reads the whole body and answers how much it got. */
async function start(options: { headersTimeoutMs?: number; idleTimeoutMs?: number } = {}): Promise<{ port: number }> {
  const port = await freePort();
  const server = createHealedServer(
    (req, res) => {
      let size = 0;
      req.on('data', (chunk: Buffer) => (size += chunk.length));
      req.on('end', () => res.end(JSON.stringify({ size })));
    },
    { allowedOrigins: [`http://127.0.0.1:${port}`], headersTimeoutMs: options.headersTimeoutMs ?? 10_000, idleTimeoutMs: options.idleTimeoutMs ?? 30_000 },
  );
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { port };
}

/** Opens a raw connection, writes `text`, and resolves with what the server sent once it closes. */
function rawExchange(port: number, text: string, keepSending?: { every: number; times: number }): Promise<{ answer: string; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
    let answer = '';
    let sent = 0;
    const timer = keepSending && setInterval(() => (sent++ < keepSending.times ? socket.write('x') : clearInterval(timer)), keepSending.every);
    socket.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk));
    socket.on('close', () => {
      if (timer) clearInterval(timer);
      resolve({ answer, ms: Date.now() - started });
    });
    socket.on('error', () => {});
  });
}

describe('refusal (pure)', () => {
  const hosts = allowedHosts(['https://healed.example', 'http://localhost:4321']);
  it('serves a known host with a served method', () => {
    expect(refusal('GET', 'healed.example', hosts)).toBeUndefined();
    expect(refusal('POST', 'HEALED.example:443', hosts)).toBeUndefined();
    expect(refusal('GET', 'localhost:4321', hosts)).toBeUndefined();
  });
  it.each([['GET', 'evil.example'], ['GET', 'localhost:4322'], ['GET', undefined], ['GET', 'healed.example.evil.example']])('refuses %s with Host %s (400 unknown-host)', (method, host) => {
    expect(refusal(method, host, hosts)).toMatchObject({ status: 400, code: 'unknown-host' });
  });
  it.each(['TRACE', 'TRACK', 'CONNECT', 'PROPFIND', 'FOO'])('refuses %s (405)', (method) => {
    expect(refusal(method, 'healed.example', hosts)).toMatchObject({ status: 405, code: 'method-not-allowed' });
  });
});

describe('the HTTP server around Astro', () => {
  it('answers TRACE and a foreign Host with JSON errors carrying the security headers', async () => {
    const { port } = await start();
    const trace = await rawExchange(port, `TRACE / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    expect(trace.answer).toMatch(/^HTTP\/1\.1 405/);
    expect(trace.answer).toMatch(/\r\nAllow: GET, HEAD, POST/i);
    expect(trace.answer).toMatch(/\r\nX-Content-Type-Options: nosniff/i);
    expect(trace.answer).toMatch(/\r\nContent-Security-Policy: default-src 'none'; frame-ancestors 'none'/i);
    expect(trace.answer).toContain('"code":"method-not-allowed"');
    const foreign = await rawExchange(port, 'GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n');
    expect(foreign.answer).toMatch(/^HTTP\/1\.1 400/);
    expect(foreign.answer).toContain('"code":"unknown-host"');
  });

  it('closes a connection that does not finish its headers in time (slowloris)', async () => {
    const { port } = await start({ headersTimeoutMs: 500 });
    const slow = await rawExchange(port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: `);
    expect(slow.answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('closes a connection whose body stalls, but lets a slow body through while bytes keep coming', async () => {
    const { port } = await start({ idleTimeoutMs: 600 });
    // Announces 10,000 bytes, sends 10, then nothing: closed without an answer.
    const stalled = await rawExchange(port, `POST / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 10000\r\n\r\n0123456789`);
    expect(stalled.answer).toBe('');
    // 12 bytes, one every 150 ms (1.8 s in all, three times the idle limit): served.
    const trickle = await rawExchange(port, `POST / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 12\r\nConnection: close\r\n\r\n`, { every: 150, times: 12 });
    expect(trickle.answer).toMatch(/^HTTP\/1\.1 200/);
    expect(trickle.answer).toContain('{"size":12}');
    expect(trickle.ms).toBeGreaterThan(1_500);
  });
});
