import type { Role } from '../db/types.ts';

export type { Role } from '../db/types.ts';

/** The signed-in user as pages and endpoints see it (`context.locals.user`): never the password hash. */
export interface SignedInUser {
  id: number;
  /** Lower-case. */
  email: string;
  role: Role;
  /** The portfolio folder this practitioner owns; null for admins. */
  practitionerSlug: string | null;
  /** A seeded demo account (only ever present in demo mode). */
  isDemo: boolean;
}


/** A freshly created session: the token goes into the cookie and nowhere else. */
export interface NewSession {
  /** 256 random bits, base64url: the cookie value. */
  token: string;
  /** Absolute expiry (epoch ms): the cookie's lifetime too. */
  expiresAt: number;
}

/** Email and password as submitted to the login endpoint or form. */
export interface Credentials {
  /** Trimmed and lower-cased. */
  email: string;
  password: string;
}

/** The outcome of a sign-in attempt; failures carry the code the API answers with. */
export type SignInResult =
  | { ok: true; user: SignedInUser; session: NewSession }
  | { ok: false; code: 'invalid-credentials' }
  | { ok: false; code: 'too-many-attempts'; retryAfterSeconds: number }
  /** Too many password checks in flight server-wide: try again in a moment (nothing was counted). */
  | { ok: false; code: 'busy'; retryAfterSeconds: number }
  /** Right password, but an operator disabled the account. */
  | { ok: false; code: 'account-disabled' };
