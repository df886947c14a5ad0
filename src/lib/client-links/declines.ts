import { z } from 'zod';
import { recordAuditEvent } from '../db/audit.ts';
import { findClientAnswer, listUnreviewedDeclines, recordAnswerReview, type ClientAnswerRecord } from '../db/client-answers.ts';
import { inTransaction } from '../db/database.ts';
import type { Database } from '../db/types.ts';
import { HttpError } from '../http/index.ts';
import { maxReasonLength } from '../moderation/index.ts';
import { parseBody } from '../submissions/parse.ts';

/** `POST /api/admin/client-answers/:id/review`: what the moderator decides about a declined published case. */
export const declineReviewSchema = z.strictObject({
  /** restore: the client's decline was resolved, show the case again; withdraw: take it down for good. */
  action: z.enum(['restore', 'withdraw'], { error: 'choose restore or withdraw' }),
  /** Why, for the audit log (and the practitioner). */
  note: z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().max(maxReasonLength).optional()),
});

/**
 * Declines of published cases, for moderators: each such case is hidden from the moment its
 * client declined until a moderator restores or withdraws it. Declines of cases not yet published
 * reach moderators as the `client-declined` flag in the queue instead.
 */
export function createDeclineReviews(deps: { db: Database; applyAnswers: () => Promise<void>; now?: () => Date }) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());

  /** Declined published cases no moderator has reviewed yet, oldest first. */
  function pending(): ClientAnswerRecord[] {
    return listUnreviewedDeclines(db).filter((answer) => answer.caseId !== null);
  }

  /** Records the review and carries it out (the case shown again, or withdrawn). */
  async function review(admin: { id: number; role: string }, answerId: unknown, body: unknown): Promise<{ action: 'restore' | 'withdraw'; caseId: string }> {
    if (admin.role !== 'admin') throw new HttpError(403, 'forbidden', 'Only admins review declined cases.');
    const input = parseBody(declineReviewSchema, body);
    const answer = typeof answerId === 'string' && answerId.length <= 64 ? findClientAnswer(db, answerId) : undefined;
    if (!answer || answer.decision !== 'decline' || !answer.caseId) throw new HttpError(404, 'not-found', 'No declined case has this id: see /admin/declines.');
    const at = now();
    inTransaction(db, () => {
      if (!recordAnswerReview(db, answer.id, { by: admin.id, action: input.action, note: input.note ?? '' }, at)) throw new HttpError(409, 'already-reviewed', 'Another moderator reviewed this decline first; reload the list.');
      recordAuditEvent(db, { actorUserId: admin.id, action: `client.decline.${input.action}`, subject: `case:${answer.caseId}`, before: { answerId: answer.id, status: 'hidden' }, after: { action: input.action, note: input.note ?? '' } }, at);
    });
    await deps.applyAnswers();
    return { action: input.action, caseId: answer.caseId };
  }

  return { pending, review };
}

export type DeclineReviews = ReturnType<typeof createDeclineReviews>;
