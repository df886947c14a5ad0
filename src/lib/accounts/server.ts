import type { AstroCookies } from 'astro';
import { config } from '../config/index.ts';
import { databaseFile } from '../db/create-database.ts';
import { serverDatabase } from '../db/server.ts';
import { DEMO_PASSWORD, prepareAccounts } from './demo-accounts.ts';
import { sessionCookie } from './session-cookie.ts';
import { readSession } from './sessions.ts';
import { signIn, signOut } from './sign-in.ts';
import type { Credentials, SignInResult, SignedInUser } from './types.ts';

/** The session cookie as this server names and flags it (Secure + `__Host-` in production). */
export const serverSessionCookie = sessionCookie(config.mode);

/** What the request helpers need from an endpoint context or `Astro`. */
interface RequestContext {
  cookies: AstroCookies;
  clientAddress: string;
  locals: App.Locals;
}

let ready: Promise<void> | undefined;

/**
 * Resolves once the accounts are usable: database migrated, demo accounts seeded (demo mode).
 * Rejects for good, logging why once, when the database cannot open or production mode finds
 * demo accounts: the middleware then answers 503 until the operator fixes it and restarts.
 */
export function accountsReady(): Promise<void> {
  if (!ready) {
    ready = (async () => {
      const { seeded } = await prepareAccounts(serverDatabase(), config.mode, databaseFile(config.dataDir));
      if (seeded.length) console.info(`[accounts] demo mode: seeded ${seeded.join(', ')} (password "${DEMO_PASSWORD}")`);
    })();
    // Logs once, and marks the rejection handled (Node would otherwise exit on it before the first await).
    ready.catch((error: Error) => console.error(`[accounts] ${error.message}`));
  }
  return ready;
}

/** The client address, for lockouts and the audit log; 'unknown' when the adapter cannot tell. */
export function clientIp(context: Pick<RequestContext, 'clientAddress'>): string {
  try {
    return context.clientAddress || 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * The user of the request's session cookie, or null. A cookie naming no live session is cleared,
 * so the browser stops sending it.
 */
export function userFromCookies(cookies: AstroCookies): SignedInUser | null {
  const token = serverSessionCookie.read(cookies);
  if (!token) return null;
  const user = readSession(serverDatabase(), token);
  if (!user) serverSessionCookie.clear(cookies);
  return user ?? null;
}

/** Signs in and, on success, sets the new session cookie (replacing any previous session). */
export async function signInWithCookies(context: RequestContext, credentials: Credentials): Promise<SignInResult> {
  const result = await signIn(serverDatabase(), credentials, { ip: clientIp(context), previousToken: serverSessionCookie.read(context.cookies) });
  if (result.ok) serverSessionCookie.write(context.cookies, result.session.token, result.session.expiresAt);
  return result;
}

/** Ends the request's session (if any) and clears its cookie. */
export function signOutWithCookies(context: RequestContext): void {
  signOut(serverDatabase(), serverSessionCookie.read(context.cookies), context.locals.user, clientIp(context));
  serverSessionCookie.clear(context.cookies);
}
