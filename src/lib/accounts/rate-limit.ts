/** How many failed sign-ins one key (an email + address, an account, an address) may make in a sliding window. */
export interface LockoutRule {
  /** Failures that lock the key: the next attempt is refused. */
  maxFailures: number;
  /** Length of the sliding window, in milliseconds. */
  windowMs: number;
}

/**
 * 5 failures in 15 minutes: a person who forgot their password gets several tries, while a
 * guesser gets 20 an hour per address instead of thousands.
 */
export const loginLockoutRule: LockoutRule = { maxFailures: 5, windowMs: 15 * 60 * 1000 };

/** The three sign-in limits, each counted over its own key. */
export interface LoginLimits {
  /** One address guessing one account's password. */
  pair: LockoutRule;
  /**
   * One account guessed from many addresses (a botnet): higher than `pair`, because reaching it
   * also locks out the account's owner for the window.
   */
  account: LockoutRule;
  /**
   * One address trying many accounts (password spraying): each guess costs a 32 MiB scrypt, and
   * the pair limit alone never triggers when every email is new.
   */
  address: LockoutRule;
}

/** 5 per email + address, 20 per account, 20 per address, each in 15 minutes. */
export const loginLimits: LoginLimits = {
  pair: loginLockoutRule,
  account: { maxFailures: 20, windowMs: 15 * 60 * 1000 },
  address: { maxFailures: 20, windowMs: 15 * 60 * 1000 },
};

/**
 * When the lock on a key ends (epoch ms), or undefined when the key may try now. Locked while
 * `maxFailures` or more failures fall inside the window; the lock ends when enough of them have
 * aged out that fewer than `maxFailures` remain. Pure: the times come from the repository.
 */
export function lockedUntil(failureTimes: readonly number[], now: number, rule: LockoutRule = loginLockoutRule): number | undefined {
  const recent = failureTimes.filter((at) => at > now - rule.windowMs && at <= now).sort((a, b) => a - b);
  if (recent.length < rule.maxFailures) return undefined;
  // Dropping below the limit needs the (n - max + 1) oldest failures gone; the last of them decides.
  return recent[recent.length - rule.maxFailures]! + rule.windowMs;
}

/** Seconds for a `Retry-After` header: whole seconds, at least 1. */
export function retryAfterSeconds(until: number, now: number): number {
  return Math.max(1, Math.ceil((until - now) / 1000));
}
