import { z } from 'zod';
import { fieldPath } from '../content/problems.ts';
import { fitzpatrickTypes, ludwigStages, scarTypes, stages, treatments, views } from '../content/vocabulary.ts';
import { uploadInputSchema } from '../storage/upload-input.ts';
import { isoDay } from '../trust/days.ts';

/**
 * Request schemas of the submissions API. Field names are those of the published case
 * (src/lib/content/schema.ts), so an approved draft maps onto `case.yaml` one to one. Dates are
 * kept as `YYYY-MM-DD` strings: they are calendar days, not instants.
 */

/** Ids of submissions and photos: 128 random bits, base64url. Checked before any DB or disk access. */
export const idPattern = /^[A-Za-z0-9_-]{22}$/;

/** Whether a value from a URL has the shape of a submission or photo id. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && idPattern.test(value);
}

/** Limits written into the schemas (and shown in their messages). */
export const submissionLimits = { sessions: 6, notes: 4000, photos: 60 } as const;

/**
 * The latest calendar day anywhere on Earth at `now` (UTC+14): a day after it is in the future for
 * everyone. Days are compared this way because the server does not know the practitioner's zone.
 */
export function latestDayOnEarth(now: Date): string {
  return isoDay(new Date(now.getTime() + 14 * 3_600_000));
}

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
const isCalendarDay = (day: string) => {
  const time = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(day);
};
const isDay = (day: string) => dayPattern.test(day) && isCalendarDay(day);
const missingOr = (message: string) => (issue: { input?: unknown }) => (issue.input === undefined ? 'is missing' : message);

/** Every schema bound to one clock (tests pin it; the server reads the time at each parse). */
export function createSubmissionSchemas(now: () => Date = () => new Date()) {
  const day = z
    .string({ error: missingOr('must be a date written YYYY-MM-DD') })
    .regex(dayPattern, 'must be a date written YYYY-MM-DD')
    .refine(isCalendarDay, 'is not a calendar date')
    // Digital photos and SMP records older than this are a typo in the year.
    .refine((d) => d >= '2000-01-01', 'is before 2000: check the year');
  const pastDay = day.refine((d) => d <= latestDayOnEarth(now()), 'is in the future: use a day that has happened');

  /** The client's consent to publish, as the practitioner records it. */
  const consent = z
    .strictObject({
      /** Day the client signed the consent. */
      recordedAt: pastDay,
      /** Whether the client agreed to show their face; otherwise photos are cropped. */
      faceVisible: z.boolean({ error: missingOr('must be true or false') }),
      /** Day the permission lapses, if it does. */
      expiresAt: day.optional(),
      /** The practitioner's statement that the client signed: it must be literally `true`. */
      attested: z.literal(true, { error: missingOr('must be true: confirm that the client signed their consent to publish') }),
    }, { error: missingOr('must be an object {recordedAt, faceVisible, expiresAt?, attested: true}') })
    .refine((c) => c.expiresAt === undefined || c.expiresAt > c.recordedAt, { message: 'is not after recordedAt: a consent expires after it is signed', path: ['expiresAt'] });

  /** The client profile: the published scales; Fitzpatrick may wait until submit. */
  const profile = z
    .strictObject({
      /** Norwood scale 1–7 for male pattern hair loss. */
      norwood: z.number({ error: 'must be a Norwood stage from 1 to 7' }).int('must be a whole Norwood stage from 1 to 7').min(1, 'must be a Norwood stage from 1 to 7').max(7, 'must be a Norwood stage from 1 to 7').optional(),
      /** Ludwig scale I–III for female hair loss. */
      ludwig: z.enum(ludwigStages, { error: 'must be a Ludwig stage: I, II or III' }).optional(),
      /** Fitzpatrick skin type I–VI (required to submit: healing differs by skin type). */
      fitzpatrick: z.enum(fitzpatrickTypes, { error: 'must be a Fitzpatrick type: I, II, III, IV, V or VI' }).optional(),
      /** Kind of scar treated, when there is one. */
      scarType: z.enum(scarTypes, { error: 'must be fue, fut or injury' }).optional(),
    }, { error: missingOr('must be an object {norwood?, ludwig?, fitzpatrick?, scarType?}') })
    .refine((p) => !(p.norwood && p.ludwig), { message: 'has both norwood and ludwig: keep the one scale that fits the client', path: ['ludwig'] });

  const fields = {
    /** The treatment performed (one of ARCHITECTURE.md's five). */
    treatment: z.enum(treatments, { error: (issue) => (issue.input === undefined ? 'is missing' : `unknown treatment ${JSON.stringify(issue.input)}: use one of ${treatments.join(', ')}`) }),
    /** Who the client is, in the scales clients compare themselves by. */
    profile,
    /** Session days, oldest first, each once (SMP usually takes 2–4 sessions). */
    sessions: z
      .array(pastDay, { error: missingOr('must be a list of session dates ["YYYY-MM-DD", …]') })
      .min(1, 'must list at least one session date')
      .max(submissionLimits.sessions, `has more than ${submissionLimits.sessions} sessions`)
      .superRefine((days, ctx) => {
        days.forEach((d, i) => {
          if (i > 0 && isDay(d) && isDay(days[i - 1]!) && d <= days[i - 1]!) ctx.addIssue({ code: 'custom', message: `is not after ${days[i - 1]}: list sessions oldest first, each day once`, path: [i] });
        });
      }),
    /** The practitioner's notes on the case: pigment, needle, client care. */
    notes: z.string({ error: 'must be text' }).trim().max(submissionLimits.notes, `is longer than ${submissionLimits.notes} characters`).optional(),
    /** The client's consent; may be recorded later (PATCH), but is required to submit. */
    consent: consent.optional(),
  };

  /** A scar correction names its scar (as the published case must). */
  const crossRules = (body: { treatment: string; profile: { scarType?: string } }, ctx: z.RefinementCtx) => {
    if (body.treatment === 'scar-correction' && !body.profile.scarType) {
      ctx.addIssue({ code: 'custom', message: 'is missing for a scar correction: set fue, fut or injury', path: ['profile', 'scarType'] });
    }
  };

  /** `POST /api/submissions`: a new draft. Strict: an unknown field is a 400 naming it. */
  const submissionInput = z.strictObject(fields, { error: 'must be a JSON object' }).superRefine(crossRules);

  /** `PATCH /api/submissions/:id`: any of the same fields; the merged draft is checked again as a whole. */
  const submissionPatch = z
    .strictObject(fields, { error: 'must be a JSON object' })
    .partial()
    .refine((patch) => Object.keys(patch).length > 0, 'is empty: send at least one of treatment, profile, sessions, notes, consent');

  return { submissionInput, submissionPatch, consent, profile };
}

const schemas = createSubmissionSchemas();
/** The body of `POST /api/submissions`. */
export const submissionInputSchema = schemas.submissionInput;
/** The body of `PATCH /api/submissions/:id`. */
export const submissionPatchSchema = schemas.submissionPatch;

/** A validated new draft. */
export type SubmissionInput = z.output<typeof submissionInputSchema>;
/** A validated change to a draft. */
export type SubmissionPatch = z.output<typeof submissionPatchSchema>;

/**
 * The text fields of a photo upload (multipart `view`, `capturedAt?`, `claimedStage?`): the shared
 * upload input (the same in UploadThing mode) minus the id, which comes from the URL here.
 */
export const photoFieldsSchema = uploadInputSchema.omit({ submissionId: true }).extend({
  /** Where on the head the photo looks (same values as the shared schema, with a clearer message). */
  view: z.enum(views, { error: missingOr(`must be one of ${views.join(', ')}`) }),
  /** The stage the practitioner presents the photo as (optional); the API computes the real one. */
  claimedStage: z.enum(stages).optional(),
});
export type PhotoFields = z.output<typeof photoFieldsSchema>;

/** One problem with a request, named by its field (`profile.norwood`, `sessions[1]`). */
export interface FieldProblem {
  field: string;
  message: string;
}

/** Turns zod issues into field problems; an unknown field is named itself, not by its parent. */
export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: fieldPath([...issue.path, key]), message: 'is not a known field: remove it or check the spelling' }));
    }
    return [{ field: fieldPath(issue.path) || 'body', message: issue.message }];
  });
}
