import type { PublishedCase } from '../content/types.ts';
import { recordAuditEvent } from '../db/audit.ts';
import { inTransaction } from '../db/database.ts';
import { listPhotosOfSubmission, updatePhotoStage } from '../db/submission-photos.ts';
import { changeSubmissionStatus, findSubmission, insertSubmission, updateFollowUpTouchUp, updateSubmissionDetails, type SubmissionRecord } from '../db/submissions.ts';
import { isoDay } from '../trust/index.ts';
import { notADraft, requirePractitioner, stageIn, type Actor, type SubmissionServiceDeps } from './context.ts';
import { SubmissionError } from './errors.ts';
import { createFollowUpSchemas } from './follow-up-schema.ts';
import { newId } from './ids.ts';
import { parseBody } from './parse.ts';

/** The one answer for a case that is not live, or not the actor's. */
function caseNotFound(): SubmissionError {
  return new SubmissionError(404, 'not-found', 'No live case of yours has this id: a follow-up adds to a case that is published (see /account).');
}

/**
 * Follow-ups: a draft of kind `follow-up` against one of the practitioner's live cases, taking
 * the case's treatment, profile, sessions and consent; it brings new photos and perhaps a touch-up
 * session. Its photos, submit, flags and moderation are those of any submission; approval appends
 * it to the live case through the publish journal (src/lib/publishing). The live case is not
 * touched before that.
 */
export function createFollowUpService(deps: SubmissionServiceDeps) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const schemas = createFollowUpSchemas(now);

  /** `POST /api/cases/:caseId/follow-ups` → the new draft. */
  async function createFollowUp(actor: Actor, caseId: unknown, body: unknown): Promise<SubmissionRecord> {
    const practitionerSlug = requirePractitioner(actor);
    const kase = typeof caseId === 'string' && caseId.length <= 200 ? await deps.liveCase?.(caseId) : undefined;
    if (!kase || kase.practitionerSlug !== practitionerSlug) throw caseNotFound();
    const input = parseBody(schemas.followUpInput, body);
    return insertFollowUp(actor.id, actor.id, kase, input.touchUp ?? null, input.notes ?? '');
  }

  /** A follow-up draft of `kase`, owned by `ownerUserId`; `actorUserId` null when a client's link made it. */
  function insertFollowUp(ownerUserId: number, actorUserId: number | null, kase: PublishedCase, touchUp: string | null, notes: string): SubmissionRecord {
    const touchUps = withTouchUp(kase, touchUp ?? undefined);
    const at = now();
    return inTransaction(db, () => {
      const record = insertSubmission(db, {
        id: newId(), ownerUserId, practitionerSlug: kase.practitionerSlug,
        treatment: kase.treatment, profile: { ...kase.profile }, sessions: kase.sessions.map(isoDay),
        consent: { recordedAt: isoDay(kase.consent.recordedAt), faceVisible: kase.consent.faceVisible, ...(kase.consent.expiresAt ? { expiresAt: isoDay(kase.consent.expiresAt) } : {}), attested: true },
        notes,
        followUp: { caseId: kase.id, touchUp, touchUps },
      }, at);
      recordAuditEvent(db, { actorUserId, action: 'submission.create', subject: `submission:${record.id}`, after: { status: 'draft', kind: 'follow-up', caseId: kase.id, touchUp } }, at);
      return record;
    });
  }

  /** The follow-up that carries a client's own photo of their live case to the moderator. */
  async function createClientFollowUp(ownerUserId: number, caseId: string): Promise<SubmissionRecord> {
    const kase = await deps.liveCase?.(caseId);
    if (!kase) throw new SubmissionError(409, 'case-not-live', 'This case is not published now, so a photo cannot be added to it.');
    return insertFollowUp(ownerUserId, null, kase, null, 'Photo sent by the client through their link.');
  }

  /** Closes a follow-up the client's photo never reached (it was refused): nothing is left open. */
  function discardEmpty(id: string): void {
    const at = now();
    inTransaction(db, () => {
      if (listPhotosOfSubmission(db, id).length > 0) return;
      if (changeSubmissionStatus(db, id, { from: 'draft', to: 'withdrawn' }, at)) {
        recordAuditEvent(db, { actorUserId: null, action: 'submission.withdrawn', subject: `submission:${id}`, before: { status: 'draft' }, after: { status: 'withdrawn', reason: 'the client\'s photo was refused' } }, at);
      }
    });
  }

  /** `PATCH` of a follow-up draft: its touch-up day (stages recomputed) and its note. */
  async function updateFollowUp(actor: Actor, current: SubmissionRecord, body: unknown): Promise<void> {
    const patch = parseBody(schemas.followUpPatch, body);
    let touchUps = current.touchUps;
    if (patch.touchUp !== undefined) {
      const kase = await deps.liveCase?.(current.caseId ?? '');
      if (!kase) throw new SubmissionError(409, 'case-not-live', `Case ${current.caseId} is no longer live: this follow-up cannot be changed.`);
      touchUps = withTouchUp(kase, patch.touchUp ?? undefined);
    }
    const at = now();
    inTransaction(db, () => {
      const before = findSubmission(db, current.id);
      if (before?.status !== 'draft') throw notADraft(before?.status ?? current.status);
      if (patch.touchUp !== undefined) {
        updateFollowUpTouchUp(db, current.id, { touchUp: patch.touchUp ?? null, touchUps }, at);
        for (const photo of listPhotosOfSubmission(db, current.id)) updatePhotoStage(db, photo.id, stageIn({ sessions: current.sessions, touchUps }, photo.capturedAt));
      }
      if (patch.notes !== undefined) updateSubmissionDetails(db, current.id, { ...before, notes: patch.notes }, at);
      recordAuditEvent(db, {
        actorUserId: actor.id, action: 'submission.update', subject: `submission:${current.id}`,
        before: { touchUp: before.touchUp, notes: before.notes }, after: { touchUp: patch.touchUp === undefined ? before.touchUp : patch.touchUp, notes: patch.notes ?? before.notes },
      }, at);
    });
  }

  return { createFollowUp, updateFollowUp, createClientFollowUp, discardEmpty };
}

/**
 * The case's touch-ups with a new one added. A touch-up comes after the treatment's last session
 * and is not one the case lists already.
 */
function withTouchUp(kase: PublishedCase, touchUp: string | undefined): string[] {
  const existing = (kase.touchUps ?? []).map(isoDay);
  if (touchUp === undefined) return existing;
  const last = isoDay(kase.sessions.reduce((a, b) => (a > b ? a : b)));
  if (touchUp <= last) throw new SubmissionError(400, 'invalid-request', `touchUp: is not after the case's last session (${last}): a touch-up comes later.`, { field: 'touchUp' });
  if (existing.includes(touchUp)) throw new SubmissionError(400, 'invalid-request', `touchUp: the case already lists a touch-up on ${touchUp}.`, { field: 'touchUp' });
  return [...existing, touchUp].sort();
}
