/** A content coding Healed answers with. */
export type Coding = 'br' | 'gzip' | 'identity';

/**
 * The one coding to answer with, from a request's `Accept-Encoding`: Brotli when accepted, else
 * gzip, else none. Pure. Only `q=0` is honoured among weights: every browser that sends `br`
 * prefers it, and keying caches by three values instead of every header string a client can send
 * is what lets the route cache (and Varnish) keep one body per coding.
 */
export function negotiateCoding(acceptEncoding: string | null | undefined): Coding {
  if (!acceptEncoding) return 'identity';
  const accepted = new Set<string>();
  let star = false;
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name = '', ...params] = part.trim().split(';');
    const refused = params.some((p) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(p));
    if (name === '*') star = !refused;
    else if (!refused) accepted.add(name.trim());
  }
  if (accepted.has('br') || (star && !acceptEncoding.includes('br'))) return 'br';
  if (accepted.has('gzip') || accepted.has('x-gzip') || (star && !acceptEncoding.includes('gzip'))) return 'gzip';
  return 'identity';
}
