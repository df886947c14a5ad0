import { describe, expect, it } from 'vitest';
import { stageBadge, stageOf, summarizeCase } from '../../src/lib/trust/index.ts';
import { addDays } from '../factories/content.ts';

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const sessions = [d('2025-03-01'), d('2025-03-22')];
const at = (days: number) => d(addDays('2025-03-22', days));

describe('stageOf', () => {
  it('follows the thresholds from the last session', () => {
    expect(stageOf(d('2025-02-27'), sessions)).toBe('before');
    expect(stageOf(at(0), sessions)).toBe('fresh');
    expect(stageOf(at(13), sessions)).toBe('fresh');
    expect(stageOf(at(14), sessions)).toBe('settling');
    expect(stageOf(at(55), sessions)).toBe('settling');
    expect(stageOf(at(56), sessions)).toBe('healed');
    expect(stageOf(at(364), sessions)).toBe('healed');
    expect(stageOf(at(365), sessions)).toBe('long-term');
  });

  it('never calls a photo between sessions healed, and does not care about session order', () => {
    expect(stageOf(d('2025-03-05'), [...sessions].reverse())).toBe('fresh');
    const longGap = [d('2025-01-01'), d('2025-06-01')];
    expect(stageOf(d('2025-04-30'), longGap)).toBe('settling');
  });
});

describe('touch-ups years later', () => {
  const touchUp = at(900);

  it('measure each photo from the last session before it: long-term before the touch-up, fresh to healed after it', () => {
    expect(stageOf(at(800), sessions, [touchUp])).toBe('long-term');
    expect(stageOf(d(addDays('2025-03-22', 905)), sessions, [touchUp])).toBe('fresh');
    expect(stageOf(at(900 + 30), sessions, [touchUp])).toBe('settling');
    expect(stageOf(at(900 + 90), sessions, [touchUp])).toBe('healed');
    expect(stageOf(at(900 + 400), sessions, [touchUp])).toBe('long-term');
    // Photos of the treatment itself keep the treatment's rule.
    expect(stageOf(d('2025-03-05'), sessions, [touchUp])).toBe('fresh');
    expect(stageOf(d('2025-02-27'), sessions, [touchUp])).toBe('before');
  });

  it('count the badge days from the touch-up and say so', () => {
    const badge = stageBadge({ capturedAt: at(990), evidence: { level: 'camera-original' } }, sessions, [touchUp]);
    expect(badge).toMatchObject({ stage: 'healed', daysSinceLastSession: 90, sinceTouchUp: true, earnsHealedBadge: true, label: 'Healed · 90 days after a touch-up' });
    const before = stageBadge({ capturedAt: at(800), evidence: { level: 'camera-original' } }, sessions, [touchUp]);
    expect(before).toMatchObject({ stage: 'long-term', daysSinceLastSession: 800, sinceTouchUp: false, label: 'Long-term · 800 days' });
  });

  it('give the case its longest verified healed span, not only the latest', () => {
    const photo = (days: number) => ({ capturedAt: at(days), evidence: { level: 'camera-original' as const } });
    const s = summarizeCase({ sessions, touchUps: [touchUp], photos: [photo(-10), photo(800), photo(990)] });
    expect(s.bestVerifiedStage).toBe('long-term');
    expect(s.daysHealed).toBe(800);
    expect(s.after?.badge.label).toBe('Healed · 90 days after a touch-up');
    expect(s.touchUps).toEqual([touchUp]);
  });

  it('ignore a "touch-up" on or before the last session', () => {
    expect(stageOf(at(30), sessions, [d('2025-03-22')])).toBe('settling');
  });
});

describe('stageBadge', () => {
  it('earns a healed badge only from a verified date: signed at capture or a camera original', () => {
    for (const level of ['signed-capture', 'camera-original'] as const) expect(stageBadge({ capturedAt: at(90), evidence: { level } }, sessions).earnsHealedBadge).toBe(true);
    const edited = stageBadge({ capturedAt: at(90), evidence: { level: 'edited' } }, sessions);
    expect(edited).toMatchObject({ stage: 'healed', earnsHealedBadge: false, verified: false, label: 'Healed · 90 days (edited, unverified)' });
    const exif = stageBadge({ capturedAt: at(90), evidence: { level: 'camera-original' } }, sessions);
    const declared = stageBadge({ capturedAt: at(90), evidence: { level: 'declared' } }, sessions);
    expect(exif.earnsHealedBadge).toBe(true);
    expect(exif.label).toBe('Healed · 90 days');
    expect(declared.stage).toBe('healed');
    expect(declared.earnsHealedBadge).toBe(false);
    expect(declared.label).toContain('declared, unverified');
  });
});

describe('summarizeCase', () => {
  const photo = (days: number, source: 'exif' | 'declared', name = `p${days}`) => ({ name, capturedAt: at(days), evidence: { level: source === 'exif' ? 'camera-original' as const : 'declared' as const } });

  it('takes the best verified stage and the days of the latest verified healed photo', () => {
    const s = summarizeCase({ sessions, photos: [photo(400, 'declared'), photo(-30, 'exif'), photo(120, 'exif'), photo(5, 'exif')] });
    expect(s.bestVerifiedStage).toBe('healed');
    expect(s.daysHealed).toBe(120);
    expect(s.timeline.map((p) => p.name)).toEqual(['p-30', 'p5', 'p120', 'p400']);
    expect(s.before?.name).toBe('p-30');
    expect(s.after?.name).toBe('p120');
  });

  it('reports no verified healed result when every healed date is declared', () => {
    const s = summarizeCase({ sessions, photos: [photo(-30, 'exif'), photo(200, 'declared')] });
    expect(s.hasVerifiedHealed).toBe(false);
    expect(s.daysHealed).toBe(0);
    expect(s.bestVerifiedStage).toBe('before');
    expect(s.after?.name).toBe('p200');
  });
});
