/**
 * Headers every response carries. Kept in one function so a review of the site's security
 * posture is a review of this list.
 */
export function applySecurityHeaders(headers: Headers): void {
  // Browsers must not guess types: an uploaded or served file is only ever what we say it is.
  headers.set('X-Content-Type-Options', 'nosniff');
  // No framing (clickjacking); a meta-tag CSP cannot say frame-ancestors, so the header does.
  headers.set('Content-Security-Policy', "frame-ancestors 'none'");
  headers.set('X-Frame-Options', 'DENY');
  headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
  // Geolocation only for our own "near me" search; nothing else.
  headers.set('Permissions-Policy', 'geolocation=(self), camera=(), microphone=(), payment=()');
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  // Do not advertise the stack.
  headers.delete('X-Powered-By');
  headers.delete('Server');
}
