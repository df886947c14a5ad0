import { describe, expect, it } from 'vitest';
import { caseSchema, practitionerSchema } from '../../src/lib/content/schema.ts';
import { folderNamePattern, treatments } from '../../src/lib/content/vocabulary.ts';
import { toCaseYaml } from '../../src/lib/demo/case-yaml.ts';
import { demoAnchorDay, parseDay } from '../../src/lib/demo/days.ts';
import { generateDemo, resolveDemoOptions } from '../../src/lib/demo/generate.ts';
import { coreProfiles, corePractitioners } from '../../src/lib/demo/core-profiles.ts';
import type { DemoSet } from '../../src/lib/demo/types.ts';

const fakeHash = () => ({ sha256: 'ab'.repeat(32) });
const seeds = [1, 2, 3, 7, 42];
const sets = new Map(seeds.map((seed) => [seed, generateDemo({ seed })]));
const allCases = (set: DemoSet) => set.practitioners.flatMap((p) => p.cases);
const everyCase = () => [...sets.values()].flatMap(allCases);

/** Stage from days since the last session, as ARCHITECTURE.md defines it. */
function stageAfter(days: number) {
  return days < 14 ? 'fresh' : days < 56 ? 'settling' : days < 365 ? 'healed' : 'long-term';
}

describe('generateDemo', () => {
  it('is deterministic: same seed → deep-equal data, another seed → different data', () => {
    expect(generateDemo({ seed: 1 })).toEqual(sets.get(1));
    expect(generateDemo({ seed: 2 })).not.toEqual(sets.get(1));
  });

  it('ships a small default set with the fixed demo personas', () => {
    const set = sets.get(1)!;
    expect(set.options).toEqual({ seed: 1, practitioners: 8, cases: 27 });
    const slugs = set.practitioners.map((p) => p.slug);
    expect(slugs).toContain('ana-ribeiro');
    expect(slugs).toContain('ben-carter');
    // The 27 asked for, plus the cases that show each treatment's core profile at three practitioners.
    const core = allCases(set).length - 27;
    expect(core).toBeGreaterThanOrEqual(0);
    expect(core).toBeLessThanOrEqual(treatments.length * corePractitioners);
  });

  it.each(seeds)('shows each treatment\'s core profile at three practitioners at least (seed %i)', (seed) => {
    const set = sets.get(seed)!;
    for (const treatment of treatments) {
      const profile = coreProfiles[treatment];
      const showing = set.practitioners.filter((p) =>
        p.cases.some((c) => c.data.treatment === treatment && c.data.profile.norwood === profile.norwood && c.data.profile.ludwig === profile.ludwig && c.data.profile.fitzpatrick === profile.fitzpatrick && c.data.profile.scarType === profile.scarType),
      );
      expect(showing.length, treatment).toBeGreaterThanOrEqual(corePractitioners);
    }
  });

  it.each(seeds)('covers all treatments, ≥ 8 cities in ≥ 4 countries and Pune (seed %i)', (seed) => {
    const set = sets.get(seed)!;
    expect(new Set(allCases(set).map((c) => c.data.treatment))).toEqual(new Set(treatments));
    const cities = new Set(set.practitioners.map((p) => `${p.data.city}, ${p.data.country}`));
    expect(cities.size).toBeGreaterThanOrEqual(8);
    expect(new Set(set.practitioners.map((p) => p.data.country)).size).toBeGreaterThanOrEqual(4);
    expect(cities).toContain('Pune, IN');
    expect(new Set(allCases(set).map((c) => c.data.profile.fitzpatrick)).size).toBeGreaterThanOrEqual(4);
  });

  it('passes the content schemas, with valid folder names and unique ids and files', () => {
    const ids = new Set<string>();
    for (const set of sets.values()) {
      ids.clear();
      for (const practitioner of set.practitioners) {
        expect(practitioner.slug).toMatch(folderNamePattern);
        practitionerSchema.parse(practitioner.data);
        expect(practitioner.data.credentials.length).toBeGreaterThanOrEqual(1);
        expect(practitioner.data.credentials.length).toBeLessThanOrEqual(3);
        for (const c of practitioner.cases) {
          expect(c.id).toMatch(folderNamePattern);
          expect(ids.has(c.id)).toBe(false);
          ids.add(c.id);
          caseSchema.parse(toCaseYaml(c, fakeHash));
          expect(new Set(c.photos.map((p) => p.entry.file)).size).toBe(c.photos.length);
        }
      }
      expect(set.practitioners.some((p) => p.data.credentials.some((cr) => cr.verified))).toBe(true);
    }
  });

  it('spaces 1–4 sessions 7–30 days apart', () => {
    for (const c of everyCase()) {
      const days = c.data.sessions.map(parseDay);
      expect(days.length).toBeGreaterThanOrEqual(1);
      expect(days.length).toBeLessThanOrEqual(4);
      for (let i = 1; i < days.length; i++) {
        expect(days[i] - days[i - 1]).toBeGreaterThanOrEqual(7);
        expect(days[i] - days[i - 1]).toBeLessThanOrEqual(30);
      }
    }
  });

  it('dates everything on or before the anchor, except consent expiries (always after 2027)', () => {
    for (const c of everyCase()) {
      const dates = [...c.data.sessions, ...(c.data.touchUps ?? []), c.data.consent.recordedAt, c.data.publishedAt, ...c.photos.map((p) => p.entry.capturedAt), ...(c.data.clientConfirmation ? [c.data.clientConfirmation.confirmedAt] : [])];
      for (const date of dates) expect(parseDay(date)).toBeLessThanOrEqual(demoAnchorDay);
      if (c.data.consent.expiresAt) expect(parseDay(c.data.consent.expiresAt)).toBeGreaterThan(parseDay('2027-12-31'));
    }
  });

  it('orders a case: before photo and consent, sessions, follow-ups, then publication', () => {
    for (const c of everyCase()) {
      const first = parseDay(c.data.sessions[0]);
      const last = parseDay(c.data.sessions.at(-1)!);
      // Photos of follow-ups after publication are checked in their own test below.
      const photos = c.photos.filter((p) => !p.followUp).map((p) => ({ ...p.entry, day: parseDay(p.entry.capturedAt), stage: p.image.stage }));
      expect(photos[0].stage).toBe('before');
      expect(photos.filter((p) => p.stage === 'before').every((p) => p.day < first)).toBe(true);
      expect(parseDay(c.data.consent.recordedAt)).toBeLessThan(first);
      expect(photos.some((p) => p.stage === 'healed' || p.stage === 'long-term')).toBe(true);
      for (const p of photos.filter((p) => p.stage !== 'before')) {
        expect(stageAfter(p.day - last)).toBe(p.stage);
        if (p.stage === 'healed' || p.stage === 'long-term') expect(p.claimedStage).toBe(p.stage);
      }
      expect(parseDay(c.data.publishedAt)).toBeGreaterThan(Math.max(...photos.map((p) => p.day)));
    }
  });

  it('grows some cases over 3–5 years with a touch-up, and has some confirmed by their clients', () => {
    for (const set of sets.values()) {
      const cases = allCases(set);
      const grown = cases.filter((c) => c.data.touchUps?.length);
      expect(grown.length).toBeGreaterThanOrEqual(2);
      for (const c of grown) {
        const last = parseDay(c.data.sessions.at(-1)!);
        const touchUp = parseDay(c.data.touchUps![0]!);
        const later = c.photos.filter((p) => p.followUp).map((p) => ({ day: parseDay(p.entry.capturedAt), stage: p.image.stage, claimed: p.entry.claimedStage }));
        expect(later).toHaveLength(3);
        expect(touchUp).toBeGreaterThan(last + 365);
        expect(Math.max(...later.map((p) => p.day)) - last).toBeGreaterThanOrEqual(3 * 365);
        expect(later.every((p) => p.day > parseDay(c.data.publishedAt))).toBe(true);
        // Each is staged from the last session before it: a touch-up restarts the count.
        for (const p of later) expect(p.stage).toBe(stageAfter(p.day - (p.day >= touchUp ? touchUp : last)));
        for (const p of later.filter((p) => p.stage === 'healed' || p.stage === 'long-term')) expect(p.claimed).toBe(p.stage);
        caseSchema.parse(toCaseYaml(c, fakeHash));
      }
      const confirmed = cases.filter((c) => c.data.clientConfirmation);
      expect(confirmed.length).toBeGreaterThanOrEqual(2);
      for (const c of confirmed) expect(parseDay(c.data.clientConfirmation!.confirmedAt)).toBeGreaterThanOrEqual(parseDay(c.data.publishedAt));
      // The demo accounts see both: ana's first case grown and confirmed (with a photo of the client's), others not.
      const ana = set.practitioners.find((p) => p.slug === 'ana-ribeiro')!.cases;
      expect(ana[0]!.data.clientConfirmation).toBeDefined();
      expect(ana[0]!.photos.filter((p) => p.entry.addedBy === 'client')).toHaveLength(1);
      expect(ana.slice(1).every((c) => !c.data.clientConfirmation)).toBe(true);
    }
  });

  it('gives each treatment its client profile scale', () => {
    for (const c of everyCase()) {
      const { treatment, profile } = c.data;
      if (treatment === 'male-pattern-baldness' || treatment === 'post-transplant-density') expect(profile.norwood).toBeDefined();
      if (treatment === 'female-hair-loss') expect(profile.ludwig).toBeDefined();
      if (treatment === 'scar-correction') expect(profile.scarType).toBeDefined();
      expect(profile.norwood && profile.ludwig).toBeFalsy();
    }
  });

  it('marks about one photo in five as declared and a few as edited (naming the app), mostly hides faces, sometimes sets an expiry', () => {
    const photos = everyCase().flatMap((c) => c.photos);
    const share = (level: string) => photos.filter((p) => p.entry.evidence.level === level).length / photos.length;
    expect(share('declared')).toBeGreaterThan(0.15);
    expect(share('declared')).toBeLessThan(0.25);
    expect(share('edited')).toBeGreaterThan(0.03);
    expect(share('edited')).toBeLessThan(0.1);
    expect(photos.filter((p) => p.entry.evidence.level === 'edited').every((p) => p.entry.evidence.tool)).toBe(true);
    // Every photo has one of the three levels a synthetic photo can honestly have.
    expect(photos.filter((p) => ['camera-original', 'declared', 'edited'].includes(p.entry.evidence.level))).toHaveLength(photos.length);
    const consents = everyCase().map((c) => c.data.consent);
    expect(consents.filter((c) => c.faceVisible).length).toBeLessThan(consents.length / 3);
    expect(consents.some((c) => c.expiresAt)).toBe(true);
    expect(photos.length / everyCase().length).toBeGreaterThanOrEqual(2.5);
  });

  it('scales to bulk sets with unique case ids', () => {
    const bulk = generateDemo({ seed: 9, cases: 3000 });
    expect(bulk.options.practitioners).toBe(250);
    const ids = allCases(bulk).map((c) => c.id);
    expect(ids).toHaveLength(3000);
    expect(new Set(ids).size).toBe(3000);
    expect(new Set(bulk.practitioners.map((p) => p.slug)).size).toBe(250);
  });
});

describe('resolveDemoOptions', () => {
  it('defaults to 8 practitioners, ~3.4 cases each, and derives one count from the other', () => {
    expect(resolveDemoOptions()).toEqual({ seed: 1, practitioners: 8, cases: 27 });
    expect(resolveDemoOptions({ cases: 10_000 })).toEqual({ seed: 1, practitioners: 834, cases: 10_000 });
    expect(resolveDemoOptions({ practitioners: 20 })).toEqual({ seed: 1, practitioners: 20, cases: 68 });
  });

  it('rejects counts that are not positive whole numbers', () => {
    expect(() => resolveDemoOptions({ cases: 0 })).toThrow(/cases/);
    expect(() => resolveDemoOptions({ practitioners: 1.5 })).toThrow(/practitioners/);
  });
});
