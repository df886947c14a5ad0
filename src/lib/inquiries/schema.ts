import { z } from 'zod';
import { folderNamePattern } from '../content/vocabulary.ts';

/** Limits of an inquiry, for the form to quote and the schema to enforce. */
export const inquiryLimits = { name: 120, contact: 200, message: 4000, minMessage: 10 } as const;

/** An email address, or a phone number as people write them (+, spaces, dots, dashes, brackets; 7–15 digits). */
function isEmailOrPhone(value: string): boolean {
  if (z.email().safeParse(value).success) return true;
  const digits = value.replace(/[\s().-]/g, '');
  return /^\+?\d{7,15}$/.test(digits);
}

/** Empty form fields count as absent. */
const optionalText = (schema: z.ZodString) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** Body of `POST /api/inquiries` (JSON, or the consultation form on practitioner and case pages). */
export const inquiryInputSchema = z.strictObject({
  /** The practitioner asked: their portfolio folder name. */
  practitioner: z.string({ error: 'choose a practitioner' }).regex(folderNamePattern, 'is not a practitioner'),
  /** The published case it is about, when sent from a case page. */
  caseId: optionalText(z.string().max(120).regex(folderNamePattern, 'is not a case id')),
  /** How the client wants to be addressed. */
  name: z.string({ error: 'enter your name' }).trim().min(1, 'enter your name').max(inquiryLimits.name),
  /** An email address or a phone number to reply to; shown to the practitioner only. */
  contact: z.string({ error: 'enter an email address or a phone number' }).trim().max(inquiryLimits.contact).refine(isEmailOrPhone, 'enter an email address or a phone number'),
  /** What they want to ask. */
  message: z.string({ error: 'write a message' }).trim().min(inquiryLimits.minMessage, `write at least ${inquiryLimits.minMessage} characters`).max(inquiryLimits.message),
  /**
   * A field people never see (hidden off-screen, skipped by keyboard and screen readers): only a
   * spam robot fills it in. Named like a real field so robots do.
   */
  website: z.string().max(2000).optional(),
});

export type InquiryInput = z.infer<typeof inquiryInputSchema>;
