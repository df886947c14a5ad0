import type { AstroCookies, AstroCookieSetOptions } from 'astro';

type Mode = 'demo' | 'production';

/**
 * The session cookie's name. In production the `__Host-` prefix makes browsers insist on Secure,
 * Path=/ and no Domain, so no other host (a sibling subdomain) can plant or overwrite it.
 */
export function sessionCookieName(mode: Mode): string {
  return mode === 'production' ? '__Host-healed-session' : 'healed-session';
}

/**
 * Attributes of the session cookie. HttpOnly: page scripts never see the token. SameSite=Lax:
 * other sites' forms and fetches do not carry it, while following a link to Healed stays signed
 * in. Secure in production only, because demo mode is served over plain http://localhost.
 */
export function sessionCookieOptions(mode: Mode, maxAgeSeconds?: number): AstroCookieSetOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: mode === 'production',
    ...(maxAgeSeconds !== undefined && { maxAge: Math.max(0, Math.floor(maxAgeSeconds)) }),
  };
}

/** The session cookie of a request, bound to the server's mode. */
export function sessionCookie(mode: Mode) {
  const name = sessionCookieName(mode);
  return {
    name,
    /** The token the browser sent, if any. */
    read: (cookies: AstroCookies): string | undefined => cookies.get(name)?.value || undefined,
    /** Sets the token, living exactly as long as the session's absolute expiry. */
    write: (cookies: AstroCookies, token: string, expiresAt: number, now = Date.now()): void =>
      cookies.set(name, token, sessionCookieOptions(mode, (expiresAt - now) / 1000)),
    /** Tells the browser to forget it. */
    clear: (cookies: AstroCookies): void => cookies.delete(name, sessionCookieOptions(mode)),
  };
}
