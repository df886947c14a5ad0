/** Where a signed-in user lands when no (acceptable) `?next=` is given. */
export const DEFAULT_AFTER_SIGN_IN = '/account';

/**
 * A `?next=` value made safe to redirect to: only a path on this site. `//evil.example`,
 * `/\evil.example` (browsers read both as another host), absolute URLs and control characters
 * all fall back to the default, so the login form cannot be used as an open redirect.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return DEFAULT_AFTER_SIGN_IN;
  // Control characters (tab, newline) are stripped by URL parsers, turning `/\t/evil` into `//evil`.
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return DEFAULT_AFTER_SIGN_IN;
  const base = 'http://healed.invalid';
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return DEFAULT_AFTER_SIGN_IN;
  }
  if (url.origin !== base) return DEFAULT_AFTER_SIGN_IN;
  // Checked again after parsing: dot segments collapse (`/.//evil.example` → `//evil.example`),
  // and a path that starts with two slashes is another host to the browser reading the Location.
  if (url.pathname.startsWith('//') || url.pathname.startsWith('/\\')) return DEFAULT_AFTER_SIGN_IN;
  // Signing in to land on the login page again would look like a failure.
  if (url.pathname.replace(/\/$/, '') === '/login') return DEFAULT_AFTER_SIGN_IN;
  return url.pathname + url.search + url.hash;
}
