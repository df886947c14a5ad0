import { treatments, type Treatment } from '../content/vocabulary.ts';
import { generateCase, treatmentShortNames } from './cases.ts';
import { addCoreProfileCases } from './core-profiles.ts';
import { addFollowUpsAndConfirmations } from './follow-ups.ts';
import { generatePractitioners } from './practitioners.ts';
import { createRandom } from './random.ts';
import type { DemoCase, DemoOptions, DemoSet } from './types.ts';
import { assignEvidence } from './evidence-shares.ts';

/** Fills in what the caller left out: 8 practitioners and ~3.4 cases each, or enough for `cases`. */
export function resolveDemoOptions(options: Partial<DemoOptions> = {}): DemoOptions {
  const seed = options.seed ?? 1;
  const practitioners = options.practitioners ?? (options.cases ? Math.max(8, Math.ceil(options.cases / 12)) : 8);
  const cases = options.cases ?? Math.round(practitioners * 3.4);
  for (const [name, value, min] of [['seed', seed, 0], ['practitioners', practitioners, 1], ['cases', cases, 1]] as const) {
    if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`demo: ${name} must be a whole number ≥ ${min}, got ${value}`);
  }
  return { seed, practitioners, cases };
}

/** Generates the whole demo set in memory: pure, no I/O, same options → deep-equal result. */
export function generateDemo(options: Partial<DemoOptions> = {}): DemoSet {
  const resolved = resolveDemoOptions(options);
  const random = createRandom(resolved.seed);
  const drafts = generatePractitioners(random.fork('practitioners'), resolved.practitioners);

  // Every treatment appears once before the rest follow typical demand (pattern baldness leads).
  const mix = random.fork('treatments');
  const weights = treatments.map((t) => [t, t === 'male-pattern-baldness' ? 3 : 1] as const);
  const planned: Treatment[] = mix.shuffle([
    ...mix.shuffle(treatments).slice(0, resolved.cases),
    ...Array.from({ length: Math.max(0, resolved.cases - treatments.length) }, () => mix.weighted(weights)),
  ]);

  // Cases are spread evenly; the remainder goes to practitioners picked at random.
  const spread = random.fork('spread');
  const base = Math.floor(resolved.cases / drafts.length);
  const extra = new Set(spread.shuffle(drafts.map((_, i) => i)).slice(0, resolved.cases % drafts.length));
  const ids = new Set<string>();
  let next = 0;
  const practitioners = drafts.map((draft, i) => {
    const counters = new Map<Treatment, number>();
    const cases: DemoCase[] = [];
    for (let n = 0; n < base + (extra.has(i) ? 1 : 0); n++) {
      const treatment = planned[next++];
      const number = (counters.get(treatment) ?? 0) + 1;
      counters.set(treatment, number);
      const id = `${draft.slug}-${treatmentShortNames[treatment]}-${number}`;
      if (ids.has(id)) throw new Error(`demo: case id ${id} generated twice`);
      ids.add(id);
      cases.push(generateCase(random.fork(`case/${id}`), id, treatment, draft.home));
    }
    return { slug: draft.slug, data: draft.data, cases };
  });

  // Declared and edited photos are spread over all photos at exact shares, so small sets show some.
  assignEvidence(practitioners.flatMap((p) => p.cases.flatMap((c) => c.photos)), random.fork('declared'));
  const set = { options: resolved, practitioners };
  // Last, on its own stream: the cases and photos above stay as they were.
  addFollowUpsAndConfirmations(set, random.fork('follow-ups'));
  // Then the commonest profiles at three practitioners each, on a stream of their own too.
  addCoreProfileCases(set, random.fork('core-profiles'));
  return set;
}
