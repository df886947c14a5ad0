import { z } from 'zod';
import { views } from '../content/vocabulary.ts';
import { maxClientMessage } from './rules.ts';

/** Empty form fields count as absent (a browser sends every field). */
const blankAsAbsent = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** `POST …/client-link`: the practitioner may give the client's email for Healed to send it (with SMTP_URL set). */
export const linkRequestSchema = z.strictObject({
  /** Where to email the link; not stored. Without it, the practitioner copies the link. */
  email: z.preprocess(blankAsAbsent, z.email('must be an email address').max(254).optional()),
});

/** The client's answer: the form on their page (or the same fields posted by anything else). */
export const clientAnswerSchema = z.strictObject({
  /** confirm: "this is me, these dates are right, I consent"; decline; withdraw (a published case only). */
  decision: z.enum(['confirm', 'decline', 'withdraw'], { error: 'choose confirm or decline' }),
  /** An optional message to the practitioner and the moderator. */
  message: z.preprocess(blankAsAbsent, z.string().trim().max(maxClientMessage, `is longer than ${maxClientMessage} characters`).optional()),
  /** Where on the head the client's own photo looks (when they add one). */
  view: z.preprocess(blankAsAbsent, z.enum(views, { error: `must be one of ${views.join(', ')}` }).optional()),
});

export type ClientAnswerInput = z.output<typeof clientAnswerSchema>;
