import type { LockoutRule } from '../accounts/index.ts';

/**
 * How many inquiries one address may send: 5 an hour is more than any person comparing
 * practitioners writes, and little enough that a script cannot flood anyone's inbox.
 */
export const inquiryLimit: LockoutRule = { maxFailures: 5, windowMs: 60 * 60_000 };

/** Handled inquiries are deleted this long after: the client's contact is kept no longer than it is useful. */
export const handledRetentionMs = 180 * 24 * 3600_000;

/** Whether a spam robot filled the hidden field (people never see it). Pure. */
export function isHoneypotFilled(website: string | undefined): boolean {
  return website !== undefined && website.trim() !== '';
}
