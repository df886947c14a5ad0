import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { C2paFindings } from './types.ts';

/** Reads Content Credentials; never throws: any failure is a finding (`unreadable`). */
export interface C2paReader {
  read(bytes: Uint8Array, mime: string): Promise<C2paFindings>;
  /** Stops the worker thread (tests and scripts; the server keeps its reader). */
  close(): Promise<void>;
}

/** Bounds of one reader. */
export interface C2paReaderOptions {
  /** PEM text of the certificates to trust. */
  trustAnchors: string;
  /** A read still running after this is abandoned and its worker ended (default 10 s; reads take 12–250 ms). */
  timeoutMs?: number;
  /** Files larger than this are not read at all (default 64 MiB; ingest refuses far smaller files first). */
  maxBytes?: number;
  /** The worker is replaced once the WebAssembly heap grows past this (default 256 MiB). */
  maxWasmBytes?: number;
}

interface Pending { id: number; bytes: Uint8Array; mime: string; resolve: (findings: C2paFindings) => void }

/**
 * Whether a file may carry Content Credentials at all: every embedding names them in plain ASCII
 * (the JUMBF label `c2pa` in JPEG APP11 and ISO-BMFF boxes, WebP's `C2PA` chunk, PNG's `caBX`
 * chunk) and a remote manifest is announced by XMP `dcterms:provenance`. Most phone photos carry
 * none of these, and then the reader thread is not started at all: it costs no time and none of
 * the WebAssembly memory a read of a 24 MP file needs. A chance match only means one useless read.
 */
export function mayCarryCredentials(bytes: Uint8Array): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return ['c2pa', 'C2PA', 'caBX', 'dcterms:provenance'].some((marker) => buffer.includes(marker, 0, 'latin1'));
}

/**
 * Where @contentauth/c2pa-wasm is: found through node_modules, never bundled, so the same code
 * works from sources, scripts and Astro's built server.
 */
function c2paPackage(): { moduleUrl: string; wasmPath: string } {
  const packageJson = createRequire(import.meta.url).resolve('@contentauth/c2pa-wasm/package.json');
  const dir = path.dirname(packageJson);
  return { moduleUrl: `file://${path.join(dir, 'pkg/c2pa.js')}`, wasmPath: path.join(dir, 'pkg/c2pa_bg.wasm') };
}

/**
 * A reader on a worker thread: the WebAssembly reader is synchronous, so only a thread lets a slow
 * or hostile file be abandoned (the worker is terminated) without stalling the server. One read
 * at a time; the rest queue. Remote manifests are never fetched (the reader would make an HTTPS
 * request for them).
 */
export function createC2paReader(options: C2paReaderOptions): C2paReader {
  const { timeoutMs = 10_000, maxBytes = 64 * 1024 * 1024, maxWasmBytes = 256 * 1024 * 1024 } = options;
  const context = JSON.stringify({ verify: { verify_trust: true, remote_manifest_fetch: false }, trust: { trust_anchors: options.trustAnchors } });
  const queue: Pending[] = [];
  let worker: Worker | undefined;
  let current: { job: Pending; timer: NodeJS.Timeout; worker: Worker } | undefined;
  let nextId = 1;
  let closed = false;

  const finish = (findings: C2paFindings) => {
    if (!current) return;
    clearTimeout(current.timer);
    const { job } = current;
    current = undefined;
    job.resolve(findings);
    pump();
  };

  const spawn = (): Worker => {
    const { moduleUrl, wasmPath } = c2paPackage();
    const started = new Worker(workerSource, { eval: true, workerData: { moduleUrl, wasmPath, context, maxWasmBytes }, resourceLimits: { maxOldGenerationSizeMb: 256 } });
    started.unref();
    started.on('message', (message: { id: number; findings: C2paFindings }) => {
      if (current?.job.id === message.id) finish(message.findings);
    });
    // Attached at once: a worker error with no listener would end the process. A worker ended
    // after a timeout dies later, when another worker may already run the next read: only the
    // read it was running fails with it.
    started.on('error', (error) => {
      if (worker === started) worker = undefined;
      if (current?.worker === started) finish({ state: 'unreadable', error: `the reader failed: ${error.message}` });
    });
    started.on('exit', () => {
      if (worker === started) worker = undefined;
      if (current?.worker === started) finish({ state: 'unreadable', error: 'the reader stopped' });
    });
    return started;
  };

  function pump(): void {
    if (current || closed) return;
    const job = queue.shift();
    if (!job) return;
    worker ??= spawn();
    const running = worker;
    const timer = setTimeout(() => {
      worker = undefined;
      void running.terminate();
      finish({ state: 'unreadable', error: `reading took longer than ${timeoutMs / 1000} s and was stopped` });
    }, timeoutMs);
    timer.unref();
    current = { job, timer, worker: running };
    // A copy is handed over (a Buffer's slice() would be a view of the caller's memory, which
    // the transfer would detach): the caller still decodes the original bytes.
    const copy = new Uint8Array(job.bytes);
    running.postMessage({ id: job.id, bytes: copy, mime: job.mime }, [copy.buffer]);
  }

  return {
    read(bytes, mime) {
      if (closed) return Promise.resolve({ state: 'unreadable', error: 'the reader is closed' });
      if (bytes.length > maxBytes) return Promise.resolve({ state: 'unreadable', error: `the file is larger than ${Math.round(maxBytes / 1048576)} MiB` });
      if (!mayCarryCredentials(bytes)) return Promise.resolve({ state: 'absent' });
      return new Promise((resolve) => {
        queue.push({ id: nextId++, bytes, mime, resolve });
        pump();
      });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.resolve({ state: 'unreadable', error: 'the reader is closed' });
      finish({ state: 'unreadable', error: 'the reader is closed' });
      await worker?.terminate();
      worker = undefined;
    },
  };
}

/**
 * The worker thread's code, as plain JavaScript text run with `eval: true`: a string rather than a
 * function, so no bundler or test transform rewrites it (Vite turns `import()` into its own
 * helper). Its inputs arrive in `workerData`.
 */
const workerSource = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const ready = import(workerData.moduleUrl).then((c2pa) => ({ c2pa, wasm: c2pa.initSync({ module: readFileSync(workerData.wasmPath) }) }));
const text = (value) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
const codes = (list) => (Array.isArray(list) ? list.map((item) => String(item && item.code)) : []);
async function read(c2pa, bytes, mime) {
  let reader;
  try {
    reader = await c2pa.WasmReader.fromBytes(mime, bytes, workerData.context);
  } catch (error) {
    const message = String((error && error.message) || error);
    if (/JumbfNotFound|JumbfBoxNotFound|ProvenanceMissing|UnsupportedType/.test(message)) return { state: 'absent' };
    if (/RemoteManifest/.test(message)) return { state: 'remote' };
    return { state: 'unreadable', error: message.slice(0, 200) };
  }
  try {
    const store = JSON.parse(reader.json());
    const manifest = store.manifests && store.manifests[store.active_manifest];
    if (!manifest) return { state: 'unreadable', error: 'no active manifest' };
    const results = (store.validation_results && store.validation_results.activeManifest) || {};
    const actions = (manifest.assertions || [])
      .filter((a) => a && typeof a.label === 'string' && a.label.startsWith('c2pa.actions'))
      .flatMap((a) => (a.data && Array.isArray(a.data.actions) ? a.data.actions : []))
      .map((a) => ({
        action: String((a && a.action) || ''),
        when: text(a && a.when),
        digitalSourceType: text(a && a.digitalSourceType),
        softwareAgent: text(a && (typeof a.softwareAgent === 'string' ? a.softwareAgent : a.softwareAgent && a.softwareAgent.name)),
      }));
    const info = manifest.signature_info || {};
    const firstInfo = Array.isArray(manifest.claim_generator_info) ? manifest.claim_generator_info[0] : undefined;
    return {
      state: 'read',
      validationState: String(store.validation_state || 'Invalid'),
      failures: codes(results.failure),
      signerTrusted: codes(results.success).includes('signingCredential.trusted'),
      signer: text(info.common_name),
      issuer: text(info.issuer),
      timestamp: text(info.time),
      generator: text(firstInfo && firstInfo.name) || text(String(manifest.claim_generator || '').split(' (')[0]),
      actions,
    };
  } catch (error) {
    return { state: 'unreadable', error: String((error && error.message) || error).slice(0, 200) };
  } finally {
    reader.free();
  }
}
parentPort.on('message', async ({ id, bytes, mime }) => {
  let findings;
  let wasmBytes = 0;
  try {
    const { c2pa, wasm } = await ready;
    findings = await read(c2pa, bytes, mime);
    wasmBytes = wasm.memory.buffer.byteLength;
  } catch (error) {
    findings = { state: 'unreadable', error: 'the reader could not start: ' + String((error && error.message) || error).slice(0, 200) };
  }
  parentPort.postMessage({ id, findings });
  // WebAssembly memory never shrinks: a worker that grew too large is replaced by a fresh one.
  if (wasmBytes > workerData.maxWasmBytes) process.exit(0);
});
`;
