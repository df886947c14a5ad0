import { createHash, randomBytes } from 'node:crypto';
import type { LockoutRule } from '../accounts/index.ts';

/**
 * A client link works for 14 days: long enough for a client to find a quiet moment (and their
 * phone), short enough that a forwarded or forgotten link stops working soon.
 */
export const linkLifetimeMs = 14 * 24 * 3600_000;

/**
 * Lookups of links that do not work (unknown, used, expired), per address: 10 an hour. A client
 * who mistypes gets several tries; a guesser of 256-bit tokens gets nothing from 10 an hour
 * anyway, but cannot use the page as an oracle at scale either.
 */
export const linkLookupLimit: LockoutRule = { maxFailures: 10, windowMs: 60 * 60_000 };

/** Longest message a client may leave for the practitioner and the moderator. */
export const maxClientMessage = 2000;

/** A token as it appears in a link: 32 random bytes, base64url (43 characters). */
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

/** A new link token (only its hash is ever stored). */
export function newLinkToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The stored form of a token. */
export function linkTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Whether a value from a URL has the shape of a token (checked before any database access). */
export function isLinkToken(value: unknown): value is string {
  return typeof value === 'string' && tokenPattern.test(value);
}

/** Why a link does not work, or that it does. Pure. */
export function linkState(link: { expiresMs: number; usedMs: number | null; revokedMs: number | null } | undefined, now: number): 'valid' | 'unknown' | 'used' | 'revoked' | 'expired' {
  if (!link) return 'unknown';
  if (link.usedMs !== null) return 'used';
  if (link.revokedMs !== null) return 'revoked';
  return link.expiresMs <= now ? 'expired' : 'valid';
}

/** The per-address key of the lookup limit: a salted digest, so the table holds no addresses. */
export function addressDigest(address: string): string {
  return createHash('sha256').update(`healed-client-link:${address}`).digest('hex');
}
