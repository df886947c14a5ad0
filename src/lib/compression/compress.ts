import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { isCompressible } from './compressible.ts';
import type { Coding } from './negotiate.ts';

/**
 * Brotli 5 / gzip 6: measured on the 213 KB React bundle, Brotli 5 takes 4 ms for 94 % of the
 * savings of Brotli 11 (250 ms). Pages are compressed once per coding and then kept by the route
 * cache, but a cold page's latency counts too.
 */
const brotliQuality = 5;
const gzipLevel = 6;

function encoder(coding: Exclude<Coding, 'identity'>): zlib.BrotliCompress | zlib.Gzip {
  return coding === 'br'
    ? zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: brotliQuality } })
    : zlib.createGzip({ level: gzipLevel });
}

/** Adds `Accept-Encoding` to `Vary` (once), keeping what is there. */
function varyOnEncoding(headers: Headers): void {
  const vary = headers.get('Vary');
  if (!vary) headers.set('Vary', 'Accept-Encoding');
  else if (!/(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(vary)) headers.set('Vary', `${vary}, Accept-Encoding`);
}

/**
 * Bodies up to this size are read whole and compressed in one synchronous call (Brotli 5: ~1 ms
 * per 50 KB page); larger ones stream through the encoder. A page rendered into a zlib stream
 * waited for the thread pool once per chunk Astro wrote, and each of those waits could queue
 * behind other work on the event loop: at a 100k-case start the first listing answered ~0.5 s
 * after the same page uncompressed.
 */
export const wholeBodyLimit = 256 * 1024;

/** A body that fails with `error` when read, so a failed render still ends as a cut-off answer. */
const failedBody = (error: unknown) => new ReadableStream<Uint8Array>({ start: (controller) => controller.error(error) });

/**
 * The response in `coding` when its type is worth compressing (HTML, JSON, CSS, JS, SVG, XML), with
 * `Vary: Accept-Encoding` whatever the coding (the answer depends on it); any other response as
 * it is. A body up to `wholeBodyLimit` is answered compressed whole, with its `Content-Length`; a
 * larger one is streamed: what was read, then the rest, through the encoder.
 */
export async function compressResponse(response: Response, coding: Coding): Promise<Response> {
  if (!response.body || !isCompressible(response.status, response.headers)) return response;
  varyOnEncoding(response.headers);
  if (coding === 'identity') return response;
  const headers = new Headers(response.headers);
  headers.set('Content-Encoding', coding);
  headers.delete('Content-Length');
  // A strong validator names exact bytes; the compressed bytes are others (RFC 9110 §8.8.1).
  const etag = headers.get('ETag');
  if (etag && !etag.startsWith('W/')) headers.set('ETag', `W/${etag}`);
  const answer = (body: BodyInit) => carryAstroState(response, new Response(body, { status: response.status, statusText: response.statusText, headers }));

  const reader = response.body.getReader();
  const head: Uint8Array[] = [];
  let size = 0;
  try {
    for (let next = await reader.read(); ; next = await reader.read()) {
      if (next.done) {
        const whole = coding === 'br'
          ? zlib.brotliCompressSync(Buffer.concat(head, size), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: brotliQuality } })
          : zlib.gzipSync(Buffer.concat(head, size), { level: gzipLevel });
        headers.set('Content-Length', String(whole.byteLength));
        return answer(whole);
      }
      head.push(next.value);
      size += next.value.byteLength;
      if (size > wholeBodyLimit) break;
    }
  } catch (error) {
    return answer(failedBody(error));
  }
  const source = Readable.from((async function* () {
    yield* head;
    for (let next = await reader.read(); !next.done; next = await reader.read()) yield next.value;
  })());
  const compressed = source.pipe(encoder(coding));
  // A cut-off source (client gone, render error) must end the encoder too, not leave it open.
  source.once('error', (error) => compressed.destroy(error));
  return answer(Readable.toWeb(compressed) as ReadableStream<Uint8Array>);
}

/**
 * Astro keeps a response's cookies (and routing flags) on symbol properties of the Response
 * object, turned into headers only after the cache provider returns: a new Response must carry
 * them, or a sign-in would lose its session cookie.
 */
function carryAstroState(from: Response, to: Response): Response {
  for (const symbol of Object.getOwnPropertySymbols(from)) {
    if (symbol.description?.startsWith('astro')) Reflect.set(to, symbol, Reflect.get(from, symbol));
  }
  return to;
}
