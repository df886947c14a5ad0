import { describe, expect, it } from 'vitest';
import { lockedUntil, loginLockoutRule, retryAfterSeconds } from '../../src/lib/accounts/index.ts';

const minute = 60_000;
const now = 1_000 * minute;
const rule = loginLockoutRule;

describe('login lockout rule', () => {
  it('is 5 failures in 15 minutes', () => {
    expect(rule).toEqual({ maxFailures: 5, windowMs: 15 * minute });
  });

  it('lets a key with fewer than 5 recent failures try', () => {
    expect(lockedUntil([], now)).toBeUndefined();
    expect(lockedUntil([now - 4 * minute, now - 3 * minute, now - 2 * minute, now - minute], now)).toBeUndefined();
  });

  it('locks after 5 failures in the window, until the oldest of them leaves it', () => {
    const failures = [now - 10 * minute, now - 4 * minute, now - 3 * minute, now - 2 * minute, now - minute];
    expect(lockedUntil(failures, now)).toBe(now + 5 * minute);
  });

  it('ignores failures older than the window', () => {
    const failures = [now - 20 * minute, now - 16 * minute, now - 3 * minute, now - 2 * minute, now - minute];
    expect(lockedUntil(failures, now)).toBeUndefined();
  });

  it('with more than 5 failures, stays locked until fewer than 5 remain in the window', () => {
    const failures = [1, 2, 3, 4, 5, 6, 7].map((m) => now - (15 - m) * minute);
    // 7 failures: fewer than 5 remain once the 3 oldest have left the window.
    expect(lockedUntil(failures, now)).toBe(failures[2]! + 15 * minute);
    expect(lockedUntil(failures, failures[2]! + 15 * minute)).toBeUndefined();
  });

  it('is unlocked exactly when the window has passed', () => {
    const failures = [0, 1, 2, 3, 4].map((s) => now + s * 1000);
    const until = lockedUntil(failures, now + 5000)!;
    expect(until).toBe(now + 15 * minute);
    expect(lockedUntil(failures, until - 1)).toBe(until);
    expect(lockedUntil(failures, until)).toBeUndefined();
  });

  it('accepts other rules', () => {
    expect(lockedUntil([now - 1000, now - 500], now, { maxFailures: 2, windowMs: 10_000 })).toBe(now - 1000 + 10_000);
  });

  it('rounds Retry-After up to whole seconds, at least 1', () => {
    expect(retryAfterSeconds(now + 1500, now)).toBe(2);
    expect(retryAfterSeconds(now, now)).toBe(1);
    expect(retryAfterSeconds(now + 15 * minute, now)).toBe(900);
  });
});
