import type { AstroCookies } from 'astro';
import { config } from '../config/index.ts';
import { databaseFile } from '../db/create-database.ts';
import { serverDatabase } from '../db/server.ts';
import { DEMO_PASSWORD, DemoAccountsInProductionError, prepareAccounts } from './demo-accounts.ts';
import { HttpError } from '../http/index.ts';
import { changePassword, signOutEverywhere, type PasswordChange } from './account-safety.ts';
import { createBoundedQueue } from './bounded-queue.ts';
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

/** Whether the accounts can be used, and if not, the code the account routes answer 503 with. */
export type AccountsState = { ok: true } | { ok: false; code: 'demo-accounts-in-production' | 'accounts-unavailable' };

/** After a failure, the database is tried again at most this often (a full disk may be freed). */
const retryAfterFailureMs = 5_000;

let ready: Promise<AccountsState> | undefined;
let failedAt = 0;

/**
 * Whether the accounts are usable: database opened and migrated, demo accounts seeded (demo
 * mode). Never rejects. A failure is logged with why and how to fix it, and tried again after a
 * few seconds; demo accounts in production stay refused until the operator fixes it and restarts.
 */
export function accountsState(now = Date.now()): Promise<AccountsState> {
  if (ready && failedAt && now - failedAt > retryAfterFailureMs) ready = undefined;
  // Opening the database may throw synchronously: inside then() it becomes the failure branch.
  ready ??= Promise.resolve().then(() => prepareAccounts(serverDatabase(), config.mode, databaseFile(config.dataDir))).then(
    ({ seeded }): AccountsState => {
      failedAt = 0;
      if (seeded.length) console.info(`[accounts] demo mode: seeded ${seeded.join(', ')} (password "${DEMO_PASSWORD}")`);
      return { ok: true };
    },
    (error: Error): AccountsState => {
      console.error(`[accounts] ${error.message}`);
      if (error instanceof DemoAccountsInProductionError) return { ok: false, code: 'demo-accounts-in-production' };
      failedAt = Date.now();
      return { ok: false, code: 'accounts-unavailable' };
    },
  );
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

/**
 * Password checks server-wide: 4 at once (libuv's default thread pool; more would only queue
 * there) and 32 waiting, about a second of work; past that, sign-ins answer 429 at once.
 */
const passwordChecks = createBoundedQueue({ concurrency: 4, maxWaiting: 32 });

/** Signs in and, on success, sets the new session cookie (replacing any previous session). */
export async function signInWithCookies(context: RequestContext, credentials: Credentials): Promise<SignInResult> {
  const result = await signIn(serverDatabase(), credentials, { ip: clientIp(context), previousToken: serverSessionCookie.read(context.cookies), queue: passwordChecks });
  if (result.ok) serverSessionCookie.write(context.cookies, result.session.token, result.session.expiresAt);
  return result;
}

/** Changes the password of the request's user; every other session of theirs ends. */
export function changePasswordWithCookies(context: RequestContext, user: SignedInUser, change: PasswordChange): Promise<{ endedSessions: number }> {
  const token = serverSessionCookie.read(context.cookies);
  if (!token) throw new HttpError(401, 'unauthenticated', 'Sign in again.');
  return changePassword(serverDatabase(), user, token, change, passwordChecks);
}

/** Ends every session of the request's user, this one included, and clears its cookie. */
export function signOutEverywhereWithCookies(context: RequestContext, user: SignedInUser): { endedSessions: number } {
  const result = signOutEverywhere(serverDatabase(), user);
  serverSessionCookie.clear(context.cookies);
  return result;
}

/** Ends the request's session (if any) and clears its cookie. */
export function signOutWithCookies(context: RequestContext): void {
  signOut(serverDatabase(), serverSessionCookie.read(context.cookies), context.locals.user, clientIp(context));
  serverSessionCookie.clear(context.cookies);
}
