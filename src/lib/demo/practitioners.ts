import { cityNamed, demoCities, namePools, type DemoCity } from './places.ts';
import type { Random } from './random.ts';
import type { CredentialYaml, PractitionerYaml } from './types.ts';

/** A generated practitioner plus the city record its cases draw client profiles from. */
export interface PractitionerDraft { slug: string; data: PractitionerYaml; home: DemoCity }

/**
 * Fixed personas come first, in this order, so the default set always covers 8 cities in 5
 * countries and demo accounts can rely on `ana-ribeiro` and `ben-carter` existing.
 */
const personas = [
  { name: 'Ana Ribeiro', city: 'São Paulo', clinic: 'Estúdio Ribeiro SMP' },
  { name: 'Ben Carter', city: 'Manchester', clinic: 'Carter Scalp Clinic' },
  { name: 'Priya Deshpande', city: 'Pune', clinic: 'Deshpande Scalp Studio' },
  { name: 'Arjun Mehta', city: 'Mumbai', clinic: 'Hairline House Mumbai' },
  { name: 'Kavya Rao', city: 'Bengaluru', clinic: undefined },
  { name: 'Sophie Hughes', city: 'London', clinic: 'Soho Scalp Pigmentation' },
  { name: 'Marcus Reed', city: 'Austin', clinic: 'Lone Star SMP' },
  { name: 'Lucía Moreno', city: 'Madrid', clinic: 'Moreno Micropigmentación' },
  { name: 'Jamal Brooks', city: 'Chicago', clinic: 'Lakeshore Scalp Studio' },
] as const;

const focuses = [
  'natural, softened hairlines that suit the client’s age',
  'camouflaging FUT and FUE scars after hair transplant surgery',
  'adding density for women with diffuse thinning, without a shaved look',
  'adding density behind hair transplants so the grafts look fuller',
  'blending alopecia areata patches into the surrounding hair',
];
const approaches = [
  'Every case is photographed in the same light before treatment and again at a healed check-up about three months later.',
  'Sessions are kept short and spaced two to three weeks apart so the pigment can settle between them.',
  'Pigment is diluted to the client’s skin type so healed dots stay soft and true to colour.',
  'Consultations are free, unhurried and always include a patch test.',
  'Clients get written aftercare and a direct number for questions while they heal.',
];
const credentialTitles = [
  'SMP Master Certification', 'Advanced Hairline Design', 'Scar Camouflage Certificate',
  'Female Hair Loss SMP Course', 'Infection Control and Bloodborne Pathogens', 'Trichology Foundation Diploma',
];
const issuers = [
  'Northbridge SMP Academy', 'Hairline Arts Institute', 'Dermal Pigment Society',
  'Pinecrest Trichology College', 'Meridian Scalp Training',
];

/** Generates `count` practitioners: the personas, then random names in random cities. */
export function generatePractitioners(random: Random, count: number): PractitionerDraft[] {
  const taken = new Set<string>();
  const drafts: PractitionerDraft[] = [];
  for (let i = 0; i < count; i++) {
    const persona = personas[i];
    const home = persona ? cityNamed(persona.city) : random.pick(demoCities);
    const pool = namePools[home.names];
    const name = persona ? persona.name : `${random.pick(pool.first)} ${random.pick(pool.last)}`;
    const slug = uniqueSlug(slugify(name), taken);
    drafts.push({ slug, home, data: practitionerData(random.fork(`practitioner/${slug}`), { name, slug, home, clinic: persona?.clinic, index: i }) });
  }
  return drafts;
}

function practitionerData(
  random: Random,
  { name, slug, home, clinic, index }: { name: string; slug: string; home: DemoCity; clinic: string | undefined; index: number },
): PractitionerYaml {
  const since = random.int(2012, 2023);
  const [first] = name.split(' ');
  const bio = `${first} has practised scalp micropigmentation in ${home.city} since ${since}, with a focus on ${random.pick(focuses)}. ${random.pick(approaches)}`;
  const [local, ...others] = home.languages;
  const languages = [local, ...random.shuffle(others).slice(0, random.int(others.length ? 1 : 0, others.length))];
  const credentials: CredentialYaml[] = random
    .shuffle(credentialTitles)
    .slice(0, random.int(1, 3))
    .map((title, n): CredentialYaml => ({
      title,
      issuer: random.pick(issuers),
      year: random.int(since, 2026),
      // Every other practitioner has at least one verified credential, so badges show in the demo.
      verified: (n === 0 && index % 2 === 0) || random.chance(0.35),
    }))
    .sort((a, b) => a.year - b.year || a.title.localeCompare(b.title));
  const withClinic = clinic ?? (index >= personas.length && random.chance(0.7) ? `${name.split(' ').at(-1)} SMP Studio` : undefined);
  return {
    name,
    ...(withClinic ? { clinic: withClinic } : {}),
    bio,
    city: home.city,
    country: home.country,
    // A clinic sits somewhere in its city: up to ~2 km from the centre.
    geo: { lat: round4(home.lat + (random.next() - 0.5) * 0.04), lng: round4(home.lng + (random.next() - 0.5) * 0.04) },
    languages,
    ...(index < personas.length || random.chance(0.8) ? { website: `https://example.com/${slug}` } : {}),
    credentials,
  };
}

/** "Lucía Moreno" → "lucia-moreno": folder names are URL parts (ASCII words joined by hyphens). */
export function slugify(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function uniqueSlug(base: string, taken: Set<string>): string {
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  taken.add(slug);
  return slug;
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
