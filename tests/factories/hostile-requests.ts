/**
 * Builders of request bodies, well-formed and hostile, shared by the HTTP layer's unit tests,
 * the fuzz suite (tests/integration/fuzz.test.ts) and `npm run fuzz`. Seeded: the same seed
 * gives the same bodies, so a failure can be replayed.
 */
import { createRandom } from '../../src/lib/demo/random.ts';

/** A part of a multipart body: a text field, or a file with its bytes. */
export type Part = { name: string; value: string } | { name: string; filename: string; type: string; bytes: Uint8Array };

/** A `multipart/form-data` body and its content type. */
export function multipartBody(parts: Part[], boundary = 'healed-test-boundary'): { body: Uint8Array<ArrayBuffer>; contentType: string } {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if ('filename' in part) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: ${part.type}\r\n\r\n`));
      chunks.push(Buffer.from(part.bytes), Buffer.from('\r\n'));
    } else {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: new Uint8Array(Buffer.concat(chunks)), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The start of a JPEG and nothing more: what a phone losing signal sends. */
export const jpegStart = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x41, 0x41, 0x41, 0x41]);

/**
 * Offsets to cut a multipart body at: inside the first part's headers, inside a part's content,
 * and just before the closing boundary (plus a few seeded others), each as a body ending there.
 */
export function cutOffsets(body: Uint8Array, seed = 1, extra = 3): number[] {
  const text = Buffer.from(body).toString('latin1');
  const firstHeaders = text.indexOf('Content-Disposition') + 10;
  const content = text.indexOf('\r\n\r\n') + 6;
  const closing = text.lastIndexOf('--\r\n') - 3;
  const random = createRandom(seed).next;
  const seeded = Array.from({ length: extra }, () => 1 + Math.floor(random() * (body.length - 2)));
  return [...new Set([firstHeaders, content, closing, ...seeded])].filter((at) => at > 0 && at < body.length).sort((a, b) => a - b);
}

/** A request whose body is delivered in chunks and then ends (or errors, like a dropped connection). */
export function streamedRequest(url: string, init: { method?: string; headers?: Record<string, string>; chunks: Uint8Array[]; fail?: boolean }): Request {
  let index = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (index < init.chunks.length) return controller.enqueue(init.chunks[index++]!);
      if (init.fail) return controller.error(new Error('connection reset'));
      controller.close();
    },
  });
  return new Request(url, { method: init.method ?? 'POST', headers: init.headers ?? {}, body, duplex: 'half' } as RequestInit);
}

/** Malformed JSON texts, from empty to deeply wrong. */
export const malformedJson = ['', '{', '{"a":', '[1,2', 'null x', '{"a": undefined}', "{'a': 1}", '\u0000', '{"a":1}}', 'NaN'];

/** Content types a JSON or form route must refuse (415). */
export const wrongContentTypes = ['text/plain', 'application/xml', 'image/jpeg', 'application/octet-stream', 'application/jsonx', 'multipart/mixed; boundary=x'];

/** Methods no route answers (CONNECT is refused the same way; HTTP clients send it only to proxies). */
export const unknownMethods = ['PUT', 'PATCH', 'DELETE', 'PROPFIND', 'TRACE', 'FOO'];

/** One hostile request of the fuzz plan. */
export interface FuzzCase {
  /** What it is, for failure messages: `malformed-json #3`, `cut at 120`… */
  kind: string;
  method: string;
  headers: Record<string, string>;
  /** The body, sent whole. */
  body?: Uint8Array;
  /** Or: this many bytes streamed (chunked unless `headers` give a length, which may lie). */
  stream?: number;
}

/**
 * The hostile requests for one endpoint, seeded: malformed JSON, wrong content types, a
 * well-formed multipart upload cut at several offsets, oversized bodies (chunked, and with a
 * `Content-Length` far larger than what is sent), and methods the endpoint does not answer.
 * `scale` multiplies the seeded variations (`npm run fuzz` runs more of them).
 */
export function fuzzCases(method: string, maxBodyBytes: number, seed: number, scale = 1): FuzzCase[] {
  const random = createRandom(seed).next;
  const cases: FuzzCase[] = [];
  const jsonTexts = [...malformedJson, ...Array.from({ length: 4 * scale }, () => randomJsonish(random))];
  jsonTexts.forEach((text, i) => cases.push({ kind: `malformed-json #${i}`, method, headers: { 'content-type': 'application/json' }, body: new TextEncoder().encode(text) }));
  for (const type of wrongContentTypes) cases.push({ kind: `content-type ${type}`, method, headers: { 'content-type': type }, body: new TextEncoder().encode('{"a":1}') });
  const { body, contentType } = multipartBody(
    [{ name: 'view', value: 'top' }, { name: 'file', filename: 'a.jpg', type: 'image/jpeg', bytes: randomBytes(random, 2_000) }, { name: 'caseId', value: 'x' }],
    `fuzz${Math.floor(random() * 1e9)}`,
  );
  for (const at of cutOffsets(body, seed, 3 * scale)) cases.push({ kind: `multipart cut at ${at}`, method, headers: { 'content-type': contentType }, body: body.subarray(0, at) });
  const over = maxBodyBytes + 256 * 1024;
  cases.push({ kind: 'oversized chunked json', method, headers: { 'content-type': 'application/json' }, stream: over });
  cases.push({ kind: 'oversized chunked multipart', method, headers: { 'content-type': contentType }, stream: over });
  cases.push({ kind: 'lying content-length', method, headers: { 'content-type': 'application/json', 'content-length': String(10 * 1024 ** 3) }, stream: 1_000 });
  for (const other of unknownMethods.filter((m) => m !== method)) cases.push({ kind: `method ${other}`, method: other, headers: {} });
  return cases;
}

/** Text that looks a little like JSON and almost never is. */
function randomJsonish(random: () => number): string {
  const pieces = ['{', '}', '[', ']', '"', ':', ',', 'null', 'true', '1e999', '"\\u00', '\\', ' ', 'a', '0'];
  return Array.from({ length: 1 + Math.floor(random() * 40) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
}

function randomBytes(random: () => number, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => Math.floor(random() * 256));
}
