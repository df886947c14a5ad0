import { describe, expect, it } from 'vitest';
import { practitionerStats } from '../../src/lib/trust/index.ts';

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const kase = (treatment: 'scar-correction' | 'female-hair-loss', healedDay: string, source: 'exif' | 'declared') => ({
  treatment,
  sessions: [d('2025-01-01')],
  photos: [{ capturedAt: d('2024-12-20'), evidence: { level: 'camera-original' as const } }, { capturedAt: d(healedDay), evidence: { level: source === 'exif' ? 'camera-original' as const : 'declared' as const } }],
});

describe('practitionerStats', () => {
  it('counts cases, the verified healed share, the longest follow-up and treatments', () => {
    const stats = practitionerStats({ city: 'Pune', country: 'IN' }, [
      kase('scar-correction', '2025-05-01', 'exif'),
      kase('scar-correction', '2026-02-01', 'declared'),
      kase('female-hair-loss', '2025-01-05', 'exif'),
      kase('female-hair-loss', '2026-03-01', 'exif'),
    ]);
    expect(stats.cases).toBe(4);
    expect(stats.verifiedHealedCases).toBe(2);
    expect(stats.verifiedHealedShare).toBeCloseTo(0.5);
    expect(stats.longestVerifiedDays).toBe(424);
    expect(stats.treatments).toEqual([{ treatment: 'scar-correction', cases: 2 }, { treatment: 'female-hair-loss', cases: 2 }]);
    expect(stats.locations).toEqual([{ country: 'IN', city: 'Pune' }]);
    expect(stats.photosByEvidence).toEqual({ 'signed-capture': 0, 'camera-original': 7, edited: 0, declared: 1 });
  });

  it('counts the cases their clients confirmed', () => {
    const confirmed = { ...kase('scar-correction', '2025-05-01', 'exif'), clientConfirmation: { confirmedAt: d('2025-06-01') } };
    const stats = practitionerStats({ city: 'Pune', country: 'IN' }, [confirmed, kase('female-hair-loss', '2025-05-01', 'exif')]);
    expect(stats.clientConfirmedCases).toBe(1);
  });

  it('is zero, not NaN, without cases', () => {
    expect(practitionerStats({ city: 'Pune', country: 'IN' }, []).verifiedHealedShare).toBe(0);
  });
});
