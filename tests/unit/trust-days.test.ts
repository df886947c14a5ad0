import { describe, expect, it } from 'vitest';
import { daysBetween } from '../../src/lib/trust/index.ts';

const at = (iso: string) => new Date(iso);

describe('daysBetween', () => {
  it('counts UTC calendar days, whatever the time of day', () => {
    expect(daysBetween(at('2025-03-01'), at('2025-03-01T23:59:59Z'))).toBe(0);
    expect(daysBetween(at('2025-03-01T23:59:59Z'), at('2025-03-02T00:00:00Z'))).toBe(1);
    expect(daysBetween(at('2025-01-10'), at('2025-03-07'))).toBe(56);
  });

  it('is negative when the second date is earlier, across years, leap days and 1970', () => {
    expect(daysBetween(at('2025-03-07'), at('2025-01-10'))).toBe(-56);
    expect(daysBetween(at('2024-02-28'), at('2024-03-01'))).toBe(2);
    expect(daysBetween(at('2023-02-28'), at('2023-03-01'))).toBe(1);
    expect(daysBetween(at('1969-12-31T12:00:00Z'), at('1970-01-01T00:00:00Z'))).toBe(1);
    expect(daysBetween(at('2024-12-31'), at('2026-01-01'))).toBe(366);
  });
});
