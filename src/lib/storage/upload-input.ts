import { z } from 'zod';
import { stages, views } from '../content/vocabulary.ts';
import { uploadFileBytes } from '../http/limits.ts';

/**
 * Largest original accepted, in bytes: a 48 MP phone JPEG is about 15 MB. Local mode enforces it
 * while streaming; UploadThing only takes powers of two, so its route allows 32 MB and the fetch
 * for ingest enforces this limit.
 */
export const maxOriginalBytes = uploadFileBytes;

/** `YYYY-MM-DD` that is a real calendar day (no 2025-02-30). */
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD')
  .refine((day) => {
    const time = Date.parse(`${day}T00:00:00Z`);
    return !Number.isNaN(time) && new Date(time).toISOString().startsWith(day);
  }, 'not a calendar date');

/**
 * What accompanies one photo upload, in both storage modes: the multipart fields of
 * `POST /api/submissions/:id/photos` (local) and the `input` of the UploadThing route. Strict:
 * an unknown field is a client bug worth a 400, not something to ignore.
 */
export const uploadInputSchema = z.strictObject({
  /** Id of the draft submission the photo belongs to (as the submissions API returns it). */
  submissionId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only'),
  /** Where on the head the photo looks (ARCHITECTURE.md vocabulary). */
  view: z.enum(views),
  /** Declared capture day, for a photo whose file carries no EXIF date; EXIF wins when present. */
  capturedAt: isoDay.optional(),
  /** The stage the practitioner presents the photo as; the capture date still decides the real one. */
  claimedStage: z.enum(stages).optional(),
});

/** A validated upload input. */
export type UploadInput = z.infer<typeof uploadInputSchema>;
