import type { Treatment, View } from '../content/vocabulary.ts';
import { planTimeline } from './case-timeline.ts';
import { formatDay } from './days.ts';
import type { DemoCity } from './places.ts';
import type { Random } from './random.ts';
import type { CaseYaml, DemoCase, DemoPhoto, Fitzpatrick, PhotoYaml } from './types.ts';

/** Short treatment names used in case ids, e.g. `ana-ribeiro-mpb-1`. */
export const treatmentShortNames: Record<Treatment, string> = {
  'male-pattern-baldness': 'mpb',
  'female-hair-loss': 'fhl',
  'post-transplant-density': 'ptd',
  'scar-correction': 'scar',
  'alopecia-areata': 'aa',
};

/** Views a practitioner would photograph for each treatment, most telling first. */
const viewsFor: Record<Treatment, readonly View[]> = {
  'male-pattern-baldness': ['hairline', 'top', 'crown'],
  'female-hair-loss': ['top', 'crown'],
  'post-transplant-density': ['top', 'hairline', 'crown', 'donor'],
  'scar-correction': ['scar', 'donor'],
  'alopecia-areata': ['top', 'crown', 'left', 'right', 'other'],
};
/** Views as the demo's alt texts name them. */
export const viewLabels: Record<View, string> = {
  hairline: 'Hairline', top: 'Top of the head', crown: 'Crown', left: 'Left side of the head',
  right: 'Right side of the head', donor: 'Donor area', scar: 'Scar area', other: 'Scalp',
};
const fitzpatrickTypes: readonly Fitzpatrick[] = ['I', 'II', 'III', 'IV', 'V', 'VI'];
const needles = ['1-point 0.18 mm', '3-point 0.25 mm', '3-point 0.30 mm', '1-point 0.20 mm nano'];
const aftercare = [
  'The client kept the scalp dry and out of the sun for four days after each session.',
  'No gym or swimming for five days after each session; moisturiser from day seven.',
  'The client shaved with a foil shaver only from the second week to avoid lifting pigment.',
];
const treatmentNotes: Record<Treatment, string> = {
  'male-pattern-baldness': 'The hairline was placed slightly higher than the client asked for, to age naturally.',
  'female-hair-loss': 'Pigment went between the existing hair along the part; the client kept her length.',
  'post-transplant-density': 'Work started eight months after the transplant, once the grafts had settled.',
  'scar-correction': 'Scar tissue took pigment unevenly in the first session; the next filled the gaps.',
  'alopecia-areata': 'Patches were matched to the surrounding stubble; the client keeps a short shave.',
};

/** Generates one case for a practitioner in `home`; photo hashes come later, from the files. */
export function generateCase(random: Random, id: string, treatment: Treatment, home: DemoCity, profileGiven?: CaseYaml['profile']): DemoCase {
  // A given profile (the demo's core profiles) draws nothing for it; others follow the city's skin types.
  const profile = profileGiven ?? profileFor(random, treatment, random.weighted(fitzpatrickTypes.map((t, i) => [t, home.fitzpatrick[i]] as const)));
  const fitzpatrick = profile.fitzpatrick;
  const timeline = planTimeline(random);
  const last = timeline.sessions[timeline.sessions.length - 1];
  const [mainView, ...otherViews] = viewsFor[treatment];
  const view = random.chance(0.7) ? mainView : random.pick(otherViews.length ? otherViews : [mainView]);
  const lighting = random.chance(0.6) ? random.weighted([['studio', 5], ['daylight', 3], ['indoor', 2], ['flash', 1]] as const) : undefined;
  const client = clientWords(treatment, profile);

  const photos = timeline.photos.map(({ stage, day }, n): DemoPhoto => {
    // A long-term photo sometimes shows a second view, as a later check-up would.
    const photoView = stage === 'long-term' && random.chance(0.3) ? random.pick(viewsFor[treatment]) : view;
    const when = stage === 'before' ? daysText(timeline.sessions[0] - day, 'before the first session') : day === last ? 'on the day of the last session' : daysText(day - last, 'after the last session');
    const entry: Omit<PhotoYaml, 'sha256' | 'fingerprint'> = {
      file: `${String(n + 1).padStart(2, '0')}-${stage}-${photoView}.jpg`,
      view: photoView,
      capturedAt: formatDay(day),
      evidence: { level: 'camera-original' },
      ...(lighting ? { lighting: n > 0 && random.chance(0.15) ? 'indoor' : lighting } : {}),
      alt: `${viewLabels[photoView]}, ${when} (${client})`,
      ...(stage === 'healed' || stage === 'long-term' ? { claimedStage: stage } : {}),
    };
    return { entry, image: { seed: random.uint32(), stage, view: photoView, fitzpatrick } };
  });

  const count = timeline.sessions.length;
  const notes = [
    `${count === 1 ? 'One session' : `${count} sessions`} with a ${random.pick(needles)} needle; pigment diluted ${random.pick([20, 30, 40, 50])}% for Fitzpatrick ${fitzpatrick} skin.`,
    treatmentNotes[treatment],
    random.pick(aftercare),
  ].join(' ');
  const data: Omit<CaseYaml, 'photos'> = {
    treatment,
    profile,
    sessions: timeline.sessions.map(formatDay),
    consent: {
      recordedAt: formatDay(timeline.consentRecorded),
      faceVisible: random.chance(0.12),
      ...(timeline.consentExpires !== undefined ? { expiresAt: formatDay(timeline.consentExpires) } : {}),
    },
    notes,
    publishedAt: formatDay(timeline.published),
  };
  return { id, data, photos };
}

/** The client profile a treatment implies: Norwood for men, Ludwig for women, a scar type for scars. */
function profileFor(random: Random, treatment: Treatment, fitzpatrick: Fitzpatrick): CaseYaml['profile'] {
  switch (treatment) {
    case 'male-pattern-baldness':
      return { norwood: random.int(3, 7), fitzpatrick };
    case 'female-hair-loss':
      return { ludwig: random.pick(['I', 'II', 'III'] as const), fitzpatrick };
    case 'post-transplant-density':
      return { norwood: random.int(2, 6), fitzpatrick, ...(random.chance(0.5) ? { scarType: random.pick(['fue', 'fut'] as const) } : {}) };
    case 'scar-correction':
      return { ...(random.chance(0.4) ? { norwood: random.int(1, 4) } : {}), fitzpatrick, scarType: random.weighted([['fut', 3], ['fue', 2], ['injury', 2]] as const) };
    case 'alopecia-areata':
      return { fitzpatrick };
  }
}

/** A few words on who the client is, for alt text: "Norwood 4", "FUT scar", "alopecia areata". */
function clientWords(treatment: Treatment, profile: CaseYaml['profile']): string {
  const scar = profile.scarType ? `${profile.scarType === 'injury' ? 'injury' : profile.scarType.toUpperCase()} scar` : '';
  if (treatment === 'scar-correction') return scar;
  if (treatment === 'alopecia-areata') return 'alopecia areata';
  if (profile.ludwig) return `Ludwig ${profile.ludwig}`;
  const stage = `Norwood ${profile.norwood}`;
  return treatment === 'post-transplant-density' ? `${stage}, after a hair transplant` : stage;
}

function daysText(days: number, tail: string): string {
  return `${days} ${days === 1 ? 'day' : 'days'} ${tail}`;
}
