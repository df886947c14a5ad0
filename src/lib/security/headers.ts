/**
 * Headers every response carries. Kept in one function so a review of the site's security
 * posture is a review of this list.
 */
export function applySecurityHeaders(headers: Headers): void {
  // Browsers must not guess types: an uploaded or served file is only ever what we say it is.
  headers.set('X-Content-Type-Options', 'nosniff');
  // No framing (clickjacking). Appended, not set: Astro already sent the page's hashed
  // script/style policy in this header, and a second policy in the list is enforced as well.
  if (!headers.get('Content-Security-Policy')?.includes('frame-ancestors')) {
    headers.append('Content-Security-Policy', "frame-ancestors 'none'");
  }
  headers.set('X-Frame-Options', 'DENY');
  headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
  // Geolocation only for our own "near me" search; nothing else.
  headers.set('Permissions-Policy', 'geolocation=(self), camera=(), microphone=(), payment=()');
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  // Do not advertise the stack.
  headers.delete('X-Powered-By');
  headers.delete('Server');
}
