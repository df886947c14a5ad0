import { z } from 'zod';
import { latestDayOnEarth, submissionLimits } from './schema.ts';

/** Empty form fields count as absent (the /account form sends every field). */
const blankAsAbsent = (value: unknown) => (value === '' ? undefined : value);

/**
 * Request schemas of follow-ups. A follow-up takes its treatment, profile, sessions and consent
 * from the live case it adds to; what it brings is photos, and perhaps a touch-up session.
 */
export function createFollowUpSchemas(now: () => Date = () => new Date()) {
  /** A touch-up session day: a calendar day that has happened (the case rules check it against the sessions). */
  const touchUp = z
    .string({ error: 'must be a date written YYYY-MM-DD' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'is not a calendar date')
    .refine((d) => d <= latestDayOnEarth(now()), 'is in the future: use a day that has happened');
  const fields = {
    /** The touch-up session this follow-up records, when there was one. */
    touchUp: z.preprocess(blankAsAbsent, touchUp.optional()),
    /** A note for the moderator: what the check-up or touch-up was. Not published. */
    notes: z.preprocess(blankAsAbsent, z.string({ error: 'must be text' }).trim().max(submissionLimits.notes, `is longer than ${submissionLimits.notes} characters`).optional()),
  };
  return {
    /** `POST /api/cases/:caseId/follow-ups` (JSON, or the /account form): all optional. */
    followUpInput: z.strictObject(fields, { error: 'must be a JSON object' }),
    /** `PATCH /api/submissions/:id` of a follow-up: `touchUp` (null removes it) and `notes`. */
    followUpPatch: z
      .strictObject({ touchUp: touchUp.nullable().optional(), notes: fields.notes }, { error: 'must be a JSON object' })
      .refine((patch) => Object.keys(patch).length > 0, 'is empty: send touchUp or notes'),
  };
}

export type FollowUpInput = z.output<ReturnType<typeof createFollowUpSchemas>['followUpInput']>;
