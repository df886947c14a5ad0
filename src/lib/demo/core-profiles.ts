import { treatments, type Treatment } from '../content/vocabulary.ts';
import { generateCase, treatmentShortNames } from './cases.ts';
import { cityNamed } from './places.ts';
import type { Random } from './random.ts';
import type { CaseYaml, DemoCase, DemoSet } from './types.ts';
import { assignEvidence } from './evidence-shares.ts';

/**
 * The profile clients most often bring for each treatment. The demo shows each at three
 * practitioners at least, so comparing practitioners on the commonest profile compares someone
 * (a comparison widens to nearby profiles below three).
 */
export const coreProfiles: Record<Treatment, CaseYaml['profile']> = {
  'male-pattern-baldness': { norwood: 5, fitzpatrick: 'III' },
  'female-hair-loss': { ludwig: 'II', fitzpatrick: 'III' },
  'post-transplant-density': { norwood: 4, fitzpatrick: 'III' },
  'scar-correction': { fitzpatrick: 'III', scarType: 'fut' },
  'alopecia-areata': { fitzpatrick: 'IV' },
};

/** How many practitioners show each core profile. */
export const corePractitioners = 3;

const sameProfile = (a: CaseYaml['profile'], b: CaseYaml['profile']) =>
  a.norwood === b.norwood && a.ludwig === b.ludwig && a.fitzpatrick === b.fitzpatrick && a.scarType === b.scarType;

/**
 * Adds a case of each treatment's core profile to practitioners picked at random until three
 * practitioners show it. Run last, on its own stream, so every other case and photo stays as it was.
 */
export function addCoreProfileCases(set: DemoSet, random: Random): void {
  if (set.practitioners.length < corePractitioners) return;
  const added: DemoCase[] = [];
  for (const treatment of treatments) {
    const profile = coreProfiles[treatment];
    const showing = set.practitioners.filter((p) => p.cases.some((c) => c.data.treatment === treatment && sameProfile(c.data.profile, profile)));
    const others = random.shuffle(set.practitioners.filter((p) => !showing.includes(p)));
    for (const practitioner of others.slice(0, Math.max(0, corePractitioners - showing.length))) {
      const prefix = `${practitioner.slug}-${treatmentShortNames[treatment]}-`;
      const taken = practitioner.cases.filter((c) => c.id.startsWith(prefix)).length;
      const id = `${prefix}${taken + 1}`;
      const kase = generateCase(random.fork(`core/${id}`), id, treatment, cityNamed(practitioner.data.city), profile);
      practitioner.cases.push(kase);
      added.push(kase);
    }
  }
  // As honest as the rest of the demo: the same shares of declared and edited photos.
  if (added.length) assignEvidence(added.flatMap((c) => c.photos), random.fork('evidence'));
}
