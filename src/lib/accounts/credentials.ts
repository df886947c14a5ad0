import * as z from 'zod';

/** Longest password accepted anywhere: generous for passphrases, short enough to hash cheaply. */
export const MAX_PASSWORD_LENGTH = 1024;
/** Shortest password `npm run user:add` accepts (length beats composition rules; NIST SP 800-63B). */
export const MIN_NEW_PASSWORD_LENGTH = 12;

/** An email as stored: trimmed and lower-cased, then checked (`users.email` holds only this form). */
export const emailSchema = z
  .string({ error: 'enter an email address' })
  .trim()
  .toLowerCase()
  .max(254, 'an email address has at most 254 characters')
  .pipe(z.email({ error: 'enter an email address like name@example.com' }));

/** Body of `POST /api/auth/login`; unknown fields are refused, as everywhere in the API. */
export const loginSchema = z.strictObject({
  /** The account's email, any case. */
  email: emailSchema,
  /** Compared as typed (only Unicode-normalized); never trimmed. */
  password: z
    .string({ error: 'enter your password' })
    .min(1, 'enter your password')
    .max(MAX_PASSWORD_LENGTH, `a password has at most ${MAX_PASSWORD_LENGTH} characters`),
});

/** Why a new password is refused, or undefined when it is acceptable. */
export function newPasswordProblem(password: string): string | undefined {
  if (password.length < MIN_NEW_PASSWORD_LENGTH) return `the password must have at least ${MIN_NEW_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `the password must have at most ${MAX_PASSWORD_LENGTH} characters`;
  if (password.trim() !== password) return 'the password must not start or end with spaces';
  return undefined;
}
