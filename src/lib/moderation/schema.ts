import { z } from 'zod';
import { maxReasonLength, moderationActions } from './rules.ts';

/** `POST /api/admin/submissions/:id/decision`. */
export const decisionSchema = z.object({
  /** What the admin decides. */
  action: z.enum(moderationActions),
  /** Reject reason, request-changes message, or the override reason when approving a flagged submission. */
  reason: z.string().max(maxReasonLength).optional().nullable(),
});

/** `POST /api/reports`: a member of the public reports a published case. */
export const reportSchema = z.object({
  /** The published case's id (as in its URL `/cases/<id>/`). */
  caseId: z.string().trim().min(1).max(200),
  /** What is wrong with it, in the reporter's words. */
  reason: z.string().trim().min(10, 'at least 10 characters').max(2000),
  /** How to reach the reporter (optional; an empty field counts as none). */
  contact: z.string().trim().max(200).optional().nullable().transform((value) => (value ? value : null)),
});

/** `GET /api/admin/submissions` query. */
export const queueQuerySchema = z.object({
  /** Which status to list; pending is the queue. Drafts are their practitioner's alone, never listed. */
  status: z.enum(['pending', 'approved', 'publishing', 'live', 'rejected', 'changes-requested', 'withdrawn']).default('pending'),
  /** Keep only submissions carrying this flag code. */
  flag: z.string().regex(/^[a-z0-9-]{1,64}$/).optional(),
});

/** `GET /api/admin/audit` query: newest first, paged by the last id seen. */
export const auditQuerySchema = z.object({
  /** Only events older than this id (the `next` of the previous page). */
  before: z.coerce.number().int().positive().optional(),
  /** Page size. */
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Only events about this subject, e.g. `submission:<id>`. */
  subject: z.string().max(200).optional(),
});

/** The first problem of a failed parse as `{field, message}` (the API's 400 names the field). */
export function firstProblem(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0]!;
  const field = issue.path.map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index ? '.' : ''}${String(part)}`)).join('') || 'body';
  return { field, message: issue.message };
}
