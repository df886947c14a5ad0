/**
 * Headers every response carries, pages, API answers, files and errors alike. Kept in one place
 * so a review of the site's security posture is a review of this list.
 */
export const defaultSecurityHeaders = {
  // Browsers must not guess types: an uploaded or served file is only ever what we say it is.
  'X-Content-Type-Options': 'nosniff',
  // No framing (clickjacking), for browsers that predate `frame-ancestors`.
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  // Geolocation only for our own "near me" search; nothing else.
  'Permissions-Policy': 'geolocation=(self), camera=(), microphone=(), payment=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
  // Anything that is not a page (JSON, images, SVG) may load and run nothing, nor be framed.
  // Pages replace it with the hashed policy Astro builds for them.
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
} as const;

/**
 * Applies the list to a response's headers. A page's own policy (Astro's, with its script and
 * style hashes) is kept, with `frame-ancestors 'none'` appended as a second policy, which
 * browsers enforce as well.
 */
export function applySecurityHeaders(headers: Headers): void {
  const pagePolicy = headers.get('Content-Security-Policy');
  for (const [name, value] of Object.entries(defaultSecurityHeaders)) {
    if (name !== 'Content-Security-Policy') headers.set(name, value);
  }
  if (!pagePolicy) headers.set('Content-Security-Policy', defaultSecurityHeaders['Content-Security-Policy']);
  else if (!pagePolicy.includes('frame-ancestors')) headers.append('Content-Security-Policy', "frame-ancestors 'none'");
  // Do not advertise the stack.
  headers.delete('X-Powered-By');
  headers.delete('Server');
}
