/**
 * Accounts: password hashing, the login lockout rule, sessions, demo accounts and route guards.
 * Everything here takes the database handle as an argument, so scripts and tests can use it;
 * the server's bindings (its database, its mode's cookie) live in `./server.ts`.
 */
export type * from './types.ts';
export { hashPassword, verifyPassword, verifyDummyPassword, UnknownPasswordHashError } from './password.ts';
export { lockedUntil, retryAfterSeconds, loginLockoutRule, type LockoutRule } from './rate-limit.ts';
export { createSession, readSession, destroySession, sessionIdHash, sessionPolicy, toSignedInUser, type SessionPolicy } from './sessions.ts';
export { sessionCookie, sessionCookieName, sessionCookieOptions } from './session-cookie.ts';
export { signIn, signOut, type SignInContext } from './sign-in.ts';
export { seedDemoAccounts, prepareAccounts, demoAccounts, DEMO_PASSWORD, DemoAccountsInProductionError } from './demo-accounts.ts';
export { emailSchema, loginSchema, newPasswordProblem, MIN_NEW_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH } from './credentials.ts';
export { parseLoginInput, type LoginInput, type ApiErrorBody } from './login-input.ts';
export { safeNextPath, DEFAULT_AFTER_SIGN_IN } from './next-path.ts';
export { requireUser, requireRole, publicUser } from './guard.ts';
export { changePassword, signOutEverywhere, disableAccount, type PasswordChange } from './account-safety.ts';
export { createBoundedQueue, type BoundedQueue } from './bounded-queue.ts';
export { loginLimits, type LoginLimits } from './rate-limit.ts';
export { needsAccounts } from './routes.ts';
