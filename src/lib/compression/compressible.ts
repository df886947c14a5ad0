/** Media types worth compressing: text and structured text. Images, fonts and archives already are. */
const compressibleTypes = /^(text\/|application\/(json|ld\+json|xml|javascript|manifest\+json|rss\+xml|atom\+xml)|image\/svg\+xml)/i;

/** Below this many bytes a compressed body saves less than its headers and CPU cost (nginx-like). */
export const minimumBytes = 1024;

/**
 * Whether a response should be compressed: a compressible type, a body, not already encoded, a
 * status that carries a full body, and not marked `no-transform`. Pure.
 */
export function isCompressible(status: number, headers: Headers): boolean {
  if (status < 200 || status === 204 || status === 206 || status === 304) return false;
  if (headers.has('Content-Encoding')) return false;
  if (/\bno-transform\b/i.test(headers.get('Cache-Control') ?? '')) return false;
  const length = headers.get('Content-Length');
  if (length !== null && Number(length) < minimumBytes) return false;
  return compressibleTypes.test(headers.get('Content-Type') ?? '');
}
