import { z } from 'zod';
import { fingerprintPattern } from '../duplicates/index.ts';
import { evidenceLevels } from '../evidence/index.ts';
import {
  fitzpatrickTypes, lightings, ludwigStages, photoAuthors, scarTypes, stages, treatments, views,
} from './vocabulary.ts';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
const day = () => z.coerce.date({ error: 'must be a date written YYYY-MM-DD' });

/** ISO 3166-1 alpha-2, checked against the regions ICU knows (unknown codes echo back as-is). */
const countryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code in capitals, e.g. IN, GB, US')
  .refine((code) => regionNames.of(code) !== code, 'is not a known ISO 3166-1 alpha-2 country code');

/** One credential as the practitioner lists it; `verified` is set by Healed's admins only. */
export const credentialSchema = z.strictObject({
  /** What was earned, e.g. "SMP Master Certification". */
  title: z.string().trim().min(2).max(160),
  /** Who awarded it: an academy, association or trainer. */
  issuer: z.string().trim().min(2).max(160),
  /** Year awarded; SMP as a discipline is younger than 1990. */
  year: z.number().int().min(1990).max(2100),
  /** True only once an admin has seen the certificate. */
  verified: z.boolean().default(false),
});

/** `portfolios/<slug>/practitioner.yaml`: the public profile of a practitioner or clinic. */
export const practitionerSchema = z.strictObject({
  /** Display name of the practitioner. */
  name: z.string().trim().min(2).max(120),
  /** Clinic or studio they work at, if any. */
  clinic: z.string().trim().max(160).optional(),
  /** A short introduction in their own words. */
  bio: z.string().trim().max(2000).default(''),
  /** City they practise in, as clients would search for it. */
  city: z.string().trim().min(2).max(80),
  /** Country, ISO 3166-1 alpha-2 (e.g. IN for India). */
  country: countryCode,
  /** Where the clinic is, for "near me" and distance sorting. */
  geo: z.strictObject({
    /** Latitude in degrees. */
    lat: z.number().min(-90).max(90),
    /** Longitude in degrees. */
    lng: z.number().min(-180).max(180),
  }),
  /** Languages spoken with clients, as BCP 47 tags (e.g. en, hi, pt-BR). */
  languages: z.array(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 tag such as en or pt-BR')).max(12).default([]),
  /** Their own website, if any. */
  website: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  /** Where clients book a consultation (an online booking page), if any. */
  booking: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  /** Training and certifications; the public page marks verified ones. */
  credentials: z.array(credentialSchema).max(30).default([]),
});

/** The client profile: scales clients use to find cases like their own. */
export const profileSchema = z.strictObject({
  /** Norwood scale 1–7 for male pattern hair loss. */
  norwood: z.number().int().min(1).max(7).optional(),
  /** Ludwig scale I–III for female hair loss. */
  ludwig: z.enum(ludwigStages).optional(),
  /** Fitzpatrick skin type I–VI: pigment healing differs by skin type. */
  fitzpatrick: z.enum(fitzpatrickTypes),
  /** Kind of scar treated, when there is one. */
  scarType: z.enum(scarTypes).optional(),
}).refine((p) => !(p.norwood && p.ludwig), {
  message: 'has both norwood and ludwig: keep the one scale that fits the client',
  path: ['ludwig'],
});

/** What the original file proved when it was uploaded (see /about and src/lib/evidence). */
export const evidenceSchema = z.strictObject({
  /** `signed-capture`, `camera-original`, `edited` or `declared`: only the first two earn healed badges. */
  level: z.enum(evidenceLevels, { error: `must be one of ${evidenceLevels.join(', ')}` }),
  /** Who signed the Content Credentials at capture (for signed-capture), e.g. "Pixel Camera". */
  signer: z.string().trim().min(1).max(120).optional(),
  /** The editing software or action (for edited), e.g. "Adobe Photoshop". */
  tool: z.string().trim().min(1).max(120).optional(),
  /** True when the Content Credentials say generative AI made or changed the picture. */
  ai: z.boolean().optional(),
});

/**
 * Content written before evidence levels carried `dateSource: exif | declared`; it still reads, as
 * `camera-original` (a date from the camera's metadata; edits were not looked for then) or
 * `declared`. New content (demo, publishing) writes `evidence`.
 */
function fromLegacyDateSource(input: unknown): unknown {
  if (!input || typeof input !== 'object' || !('dateSource' in input) || 'evidence' in input) return input;
  const { dateSource, ...rest } = input as Record<string, unknown>;
  if (dateSource !== 'exif' && dateSource !== 'declared') return input; // the strict schema names the bad field
  return { ...rest, evidence: { level: dateSource === 'exif' ? 'camera-original' : 'declared' } };
}

/** One published photo of a case. */
export const photoSchema = z.preprocess(fromLegacyDateSource, z.strictObject({
  /** File name of the sanitized master inside the case folder (no sub-folders). */
  file: z.string().min(1).max(200),
  /** Which part of the head the photo shows. */
  view: z.enum(views),
  /** When the photo was taken: the signed or camera date when the file had one, else the declared day. */
  capturedAt: day(),
  /** What the original proved about that date and about editing. */
  evidence: evidenceSchema,
  /** Perceptual fingerprint of the master for the shared copy index (`<outer>-<inner>`, 16 hex each). */
  fingerprint: z.string().regex(fingerprintPattern, 'must be "<16 hex>-<16 hex>": run `npm run check` to see the right value').optional(),
  /** Lighting, so readers can judge comparisons. */
  lighting: z.enum(lightings).optional(),
  /** Text alternative for screen readers: what the photo shows. */
  alt: z.string({ error: 'is missing' }).trim().min(8, 'is too short to describe the photo').max(300),
  /** SHA-256 of the master file: the key of its image variants. */
  sha256: z.string().regex(/^[a-f0-9]{64}$/, 'must be the 64-character lowercase hex SHA-256 of the file'),
  /** The stage the practitioner presents the photo as; checked against its date. */
  claimedStage: z.enum(stages).optional(),
  /** Who added the photo: `client` for one the client sent through their link (absent: the practitioner). */
  addedBy: z.enum(photoAuthors).optional(),
}));

/** The client's permission to publish. Without it, nothing is shown. */
export const consentSchema = z.strictObject({
  /** When the client signed the consent. */
  recordedAt: day(),
  /** Whether the client agreed to show their face; otherwise photos are cropped. */
  faceVisible: z.boolean(),
  /** When the permission lapses, if it does. */
  expiresAt: day().optional(),
});

/** The client's own word on the case, given through a one-time link (see README, client confirmation). */
export const clientConfirmationSchema = z.strictObject({
  /** The day the client confirmed that the case and its dates are theirs and that they consent. */
  confirmedAt: day(),
});

/** `portfolios/<slug>/cases/<case-id>/case.yaml`: one client's treatment story. */
export const caseSchema = z.strictObject({
  /** The treatment performed (one of ARCHITECTURE.md's five). */
  treatment: z.enum(treatments, {
    error: (issue) => `unknown treatment ${JSON.stringify(issue.input)}: use one of ${treatments.join(', ')}`,
  }),
  /** Who the client is, in the scales clients compare themselves by. */
  profile: profileSchema,
  /** Session dates; SMP usually takes 2–4 sessions, 7–30 days apart. */
  sessions: z.array(day()).min(1).max(6),
  /** Touch-up sessions added later (follow-ups), each after the last session; photos after one count from it. */
  touchUps: z.array(day()).max(12).optional(),
  /** Photos, in any order; pages sort them by date. */
  photos: z.array(photoSchema).min(1).max(60),
  /** The client's permission to publish: required. */
  consent: consentSchema,
  /** The practitioner's notes on the case: pigment, needle, client care. */
  notes: z.string().trim().max(4000).default(''),
  /** When the case went live on Healed. */
  publishedAt: day(),
  /** Set once the client confirmed the case through their link. */
  clientConfirmation: clientConfirmationSchema.optional(),
});

export type PractitionerData = z.output<typeof practitionerSchema>;
export type CaseData = z.output<typeof caseSchema>;
export type PhotoData = z.output<typeof photoSchema>;
export type Credential = z.output<typeof credentialSchema>;
export type PhotoEvidenceData = z.output<typeof evidenceSchema>;
