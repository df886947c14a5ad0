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

/** Methods no route answers. */
export const unknownMethods = ['PUT', 'PATCH', 'DELETE', 'PROPFIND', 'TRACE', 'CONNECT', 'FOO'];
