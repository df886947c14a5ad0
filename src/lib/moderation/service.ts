import { listAuditEvents, recordAuditEvent } from '../db/audit.ts';
import { inTransaction } from '../db/database.ts';
import { listSubmissionFlags, type SubmissionFlagRecord } from '../db/flags.ts';
import { findDecision, listModerationQueue, listPractitionerHistory, recordDecision, userEmailsById, type DecisionRecord, type HistoryItem, type QueueItem } from '../db/moderation.ts';
import { listPhotosOfSubmission, type SubmissionPhotoRecord } from '../db/submission-photos.ts';
import { findSubmission, type SubmissionRecord, type SubmissionStatus } from '../db/submissions.ts';
import type { AuditEvent, Database } from '../db/types.ts';
import { ModerationError } from './errors.ts';
import { decideTransition, visibleToModerators, type ModerationAction } from './rules.ts';
import { auditQuerySchema, decisionSchema, firstProblem, queueQuerySchema } from './schema.ts';
import type { ChangeOptions } from '../publishing/types.ts';
import type { z } from 'zod';

/** The admin deciding (a signed-in user). */
export interface Moderator {
  id: number;
  role: 'admin' | 'practitioner';
}

/** Publishing, as moderation calls it after an approval (`publishSubmission` of src/lib/publishing). */
export type PublishFn = (submissionId: string, options: { actorUserId: number; cache?: PublishCache }) => Promise<unknown>;

/** The request's route cache, whose tags publishing invalidates. */
export type PublishCache = ChangeOptions['cache'];

export interface ModerationServiceDeps {
  db: Database;
  /** Publishes an approved submission; absent until publishing exists (approve then stops at `approved`). */
  publish?: PublishFn;
  now?: () => Date;
}

/** Everything the review page shows about one submission. */
export interface ReviewView {
  submission: SubmissionRecord;
  photos: SubmissionPhotoRecord[];
  /** Flags as moderators see them (with the related submission of a near-duplicate). */
  flags: SubmissionFlagRecord[];
  decision: DecisionRecord;
  /** The owner's other submitted cases, newest first. */
  history: HistoryItem[];
}

/** An audit event with the acting user's email. */
export type AuditEntry = AuditEvent & { actorEmail: string | null };

/**
 * Moderation: the queue, the review data, decisions (state machine in `./rules.ts`) with their
 * audit events, and the audit log. Refusals are `ModerationError`s carrying the API's status and code.
 */
export function createModerationService(deps: ModerationServiceDeps) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());

  /** `GET /api/admin/submissions?status=&flag=`: oldest first, with flags. */
  function queue(query: unknown = {}): QueueItem[] {
    const { status, flag } = parse(queueQuerySchema, query);
    return listModerationQueue(db, { status, ...(flag ? { flag } : {}) });
  }

  /** One submission with everything a moderator reads before deciding (404 if unknown). */
  function review(id: unknown): ReviewView {
    const submission = typeof id === 'string' ? findSubmission(db, id) : undefined;
    if (!submission || !visibleToModerators(submission.status)) throw notFound();
    return {
      submission,
      photos: listPhotosOfSubmission(db, submission.id),
      flags: listSubmissionFlags(db, submission.id),
      decision: findDecision(db, submission.id)!,
      history: listPractitionerHistory(db, submission.ownerUserId, submission.id),
    };
  }

  /**
   * Decides a pending submission: the rule says whether and where to; the change and its audit
   * events (decision, and the override when flags were overridden) commit together; an approval
   * is then handed to publishing. Returns the status after all that.
   */
  async function decide(admin: Moderator, id: unknown, body: unknown, options: { cache?: PublishCache } = {}): Promise<{ status: SubmissionStatus }> {
    if (admin.role !== 'admin') throw new ModerationError(403, 'forbidden', 'Only admins decide submissions.');
    const input = parse(decisionSchema, body);
    const at = now();
    const decided = inTransaction(db, () => {
      const submission = typeof id === 'string' ? findSubmission(db, id) : undefined;
      if (!submission) throw notFound();
      const flags = listSubmissionFlags(db, submission.id);
      const verdict = decideTransition({ status: submission.status, flagCount: flags.length, action: input.action, reason: input.reason ?? null });
      if (!verdict.ok) throw new ModerationError(verdict.status, verdict.code, verdict.message, verdict.field ? { field: verdict.field } : {});
      const moved = recordDecision(db, submission.id, { from: verdict.from, to: verdict.to, decidedBy: admin.id, reason: verdict.reason, overrideReason: verdict.overrideReason }, at);
      if (!moved) throw new ModerationError(409, 'not-pending', 'Another decision was recorded first; reload the submission.');
      const subject = `submission:${submission.id}`;
      recordAuditEvent(db, {
        actorUserId: admin.id,
        action: auditAction(input.action),
        subject,
        before: { status: verdict.from },
        after: { status: verdict.to, ...(verdict.reason ? { reason: verdict.reason } : {}), ...(verdict.overrideReason ? { overrideReason: verdict.overrideReason } : {}) },
      }, at);
      if (verdict.overridden) {
        recordAuditEvent(db, { actorUserId: admin.id, action: 'moderation.override', subject, before: { flags: flags.map((f) => f.code) }, after: { overrideReason: verdict.overrideReason } }, at);
      }
      return { id: submission.id, status: verdict.to };
    });
    if (input.action === 'approve' && deps.publish) {
      try {
        await deps.publish(decided.id, { actorUserId: admin.id, ...(options.cache !== undefined ? { cache: options.cache } : {}) });
      } catch (error) {
        // The approval stands; publishing's journal finishes the job at the next start.
        console.error(`[moderation] publishing ${decided.id} failed after approval:`, error);
      }
      return { status: findSubmission(db, decided.id)?.status ?? decided.status };
    }
    return { status: decided.status };
  }

  /** `GET /api/admin/audit`: newest first; `next` is the `before` of the following page (null at the end). */
  function audit(query: unknown = {}): { events: AuditEntry[]; next: number | null } {
    const { before, limit, subject } = parse(auditQuerySchema, query);
    const events = listAuditEvents(db, { ...(before ? { beforeId: before } : {}), ...(subject ? { subject } : {}), limit });
    const emails = userEmailsById(db, events.flatMap((e) => (e.actorUserId === null ? [] : [e.actorUserId])));
    return {
      events: events.map((e) => ({ ...e, actorEmail: e.actorUserId === null ? null : emails.get(e.actorUserId) ?? null })),
      next: events.length === limit ? events.at(-1)!.id : null,
    };
  }

  return { queue, review, decide, audit };
}

/** The service's type, for routes and pages. */
export type ModerationService = ReturnType<typeof createModerationService>;

function auditAction(action: ModerationAction): string {
  return `moderation.${action}`;
}

function notFound(): ModerationError {
  return new ModerationError(404, 'not-found', 'No submission has this id: check the link, or find it in the queue at /admin.');
}

/** Parses with a schema; a failure is a 400 naming the first field. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const { field, message } = firstProblem(result.error);
  throw new ModerationError(400, 'invalid-request', `${field}: ${message}.`, { field });
}
