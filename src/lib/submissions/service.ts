import { recordAuditEvent } from '../db/audit.ts';
import { findDecision } from '../db/moderation.ts';
import { inTransaction } from '../db/database.ts';
import { listSubmissionFlags, replaceSubmissionFlags } from '../db/flags.ts';
import { listPhotosOfSubmission, updatePhotoStage } from '../db/submission-photos.ts';
import {
  changeSubmissionStatus, findSubmission, insertSubmission, listSubmissionsOfOwner, updateSubmissionDetails, type SubmissionDetails, type SubmissionRecord,
} from '../db/submissions.ts';
import { latestClientAnswer } from '../db/client-answers.ts';
import { editableDraft, notADraft, ownedSubmission, requirePractitioner, stageIn, type Actor, type SubmissionServiceDeps } from './context.ts';
import { SubmissionError } from './errors.ts';
import { computeFlags } from './flags.ts';
import { flagPhotosWithCopies } from './copies.ts';
import { createFollowUpService } from './follow-ups.ts';
import { newId } from './ids.ts';
import { createPhotoService } from './photo-service.ts';
import { parseBody } from './parse.ts';
import { createSubmissionSchemas, type PhotoFields, type SubmissionInput } from './schema.ts';
import { flagView, listView, submissionView, type FlagView, type PhotoSummary, type SubmissionListView, type SubmissionView } from './views.ts';

export type { Actor, SubmissionServiceDeps } from './context.ts';

/**
 * The submission flow: drafts, their photos, and submit with its automatic checks. Every state
 * change is written to the audit log with the state before and after. Refusals are
 * `SubmissionError`s carrying the status and code the API answers with.
 */
export function createSubmissionService(deps: SubmissionServiceDeps) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const schemas = createSubmissionSchemas(now);
  const photos = createPhotoService(deps);
  const followUps = createFollowUpService(deps);

  /** A new draft from the `POST /api/submissions` body → the stored record. */
  function createDraft(actor: Actor, body: unknown): SubmissionRecord {
    const practitionerSlug = requirePractitioner(actor);
    const input = parseBody(schemas.submissionInput, body);
    const at = now();
    return inTransaction(db, () => {
      const record = insertSubmission(db, { id: newId(), ownerUserId: actor.id, practitionerSlug, ...details(input) }, at);
      recordAuditEvent(db, { actorUserId: actor.id, action: 'submission.create', subject: `submission:${record.id}`, after: { status: 'draft', ...details(input) } }, at);
      return record;
    });
  }

  /**
   * Changes a draft's details (`PATCH`); a change of sessions recomputes every photo's stage. A
   * follow-up takes its details from its live case: only its touch-up day and note change.
   */
  async function updateDraft(actor: Actor, id: unknown, body: unknown): Promise<SubmissionView> {
    requirePractitioner(actor);
    const current = editableDraft(db, actor, id);
    if (current.kind === 'follow-up') {
      await followUps.updateFollowUp(actor, current, body);
      return getOwned(actor, current.id);
    }
    const patch = parseBody(schemas.submissionPatch, body);
    const merged = parseBody(schemas.submissionInput, { ...detailsOf(current), ...patch });
    const at = now();
    inTransaction(db, () => {
      const before = findSubmission(db, current.id);
      if (before?.status !== 'draft') throw notADraft(before?.status ?? current.status);
      updateSubmissionDetails(db, current.id, details(merged), at);
      for (const photo of listPhotosOfSubmission(db, current.id)) updatePhotoStage(db, photo.id, stageIn({ sessions: merged.sessions, touchUps: [] }, photo.capturedAt));
      const changed = Object.keys(patch) as (keyof SubmissionDetails)[];
      recordAuditEvent(db, {
        actorUserId: actor.id,
        action: 'submission.update',
        subject: `submission:${current.id}`,
        before: pick(detailsOf(before), changed),
        after: pick(details(merged), changed),
      }, at);
    });
    return getOwned(actor, current.id);
  }

  /** The actor's submissions, newest first. */
  function listOwn(actor: Actor): SubmissionListView[] {
    return listSubmissionsOfOwner(db, actor.id).map(listView);
  }

  /** One of the actor's submissions with its photos and flags (404 for anyone else's). */
  function getOwned(actor: Actor, id: unknown): SubmissionView {
    const record = ownedSubmission(db, actor, id);
    // A draft that has been decided before was sent back by a moderator: show their message.
    const decision = record.status === 'draft' ? findDecision(db, record.id) : undefined;
    return submissionView(record, listPhotosOfSubmission(db, record.id), listSubmissionFlags(db, record.id), decision?.decidedAt ? decision.reason : null);
  }

  /**
   * Submits a draft for moderation: it needs a photo, the client's attested consent and a
   * Fitzpatrick type; the automatic checks run and are stored as flags; the status becomes pending.
   */
  function submit(actor: Actor, id: unknown): { status: 'pending'; flags: FlagView[] } {
    requirePractitioner(actor);
    const draft = editableDraft(db, actor, id);
    const list = listPhotosOfSubmission(db, draft.id);
    if (list.length === 0) throw incomplete('photos', 'Add at least one photo before submitting the case.');
    if (draft.consent?.attested !== true) throw incomplete('consent', 'Record the client\'s consent (recordedAt, faceVisible, attested: true) before submitting the case.');
    if (!draft.profile.fitzpatrick) throw incomplete('profile.fitzpatrick', 'Set the client\'s Fitzpatrick skin type (I–VI) before submitting the case.');
    return toPending(draft, list, actor.id);
  }

  /** The automatic checks of a submission as it is now (its photos, their copies, the client's last answer). */
  function flagsOf(submission: SubmissionRecord, list = listPhotosOfSubmission(db, submission.id), at = now()) {
    return computeFlags({
      submission: { ...submission, clientAnswer: latestClientAnswer(db, { submissionId: submission.id }) ?? null },
      photos: flagPhotosWithCopies(db, submission.id, list, deps.copies?.library),
      now: at,
    });
  }

  /** Runs the checks and moves a draft to pending; `actorUserId` null when the client's link did it. */
  function toPending(draft: SubmissionRecord, list: ReturnType<typeof listPhotosOfSubmission>, actorUserId: number | null): { status: 'pending'; flags: FlagView[] } {
    const at = now();
    const flags = flagsOf(draft, list, at);
    // Synchronous from the reads above to the commit: no other request can slip in between.
    inTransaction(db, () => {
      const moved = changeSubmissionStatus(db, draft.id, { from: 'draft', to: 'pending', submitted: true }, at);
      if (!moved) throw notADraft(findSubmission(db, draft.id)?.status ?? 'pending');
      replaceSubmissionFlags(db, draft.id, flags, at);
      recordAuditEvent(db, {
        actorUserId,
        action: 'submission.submit',
        subject: `submission:${draft.id}`,
        before: { status: 'draft' },
        after: { status: 'pending', ...(draft.kind === 'follow-up' ? { kind: 'follow-up', caseId: draft.caseId } : {}), photos: list.length, flags: flags.map((f) => f.code) },
      }, at);
    });
    return { status: 'pending', flags: flags.map(flagView) };
  }

  /**
   * Checks a pending submission again after the client added a photo or answered through their
   * link: the moderator then sees flags that say so. A no-op for any other status.
   */
  function refreshFlags(submissionId: string): void {
    const submission = findSubmission(db, submissionId);
    if (submission?.status !== 'pending') return;
    const at = now();
    const flags = flagsOf(submission, undefined, at);
    inTransaction(db, () => {
      if (findSubmission(db, submissionId)?.status === 'pending') replaceSubmissionFlags(db, submissionId, flags, at);
    });
  }

  /** A follow-up holding only the photo a client sent through their link for a live case, submitted for review at once. */
  async function submitClientPhoto(ownerUserId: number, caseId: string, key: string, fields: PhotoFields, undatedDay: string): Promise<{ submissionId: string; photo: PhotoSummary }> {
    const followUp = await followUps.createClientFollowUp(ownerUserId, caseId).catch(async (error) => {
      await photos.removeOriginal(key);
      throw error;
    });
    try {
      const photo = await photos.recordOriginal({ ownerUserId, submissionId: followUp.id, key, fields, addedBy: 'client', undatedDay });
      toPending(followUp, listPhotosOfSubmission(db, followUp.id), null);
      return { submissionId: followUp.id, photo };
    } catch (error) {
      followUps.discardEmpty(followUp.id);
      throw error;
    }
  }

  return { createDraft, createFollowUp: followUps.createFollowUp, updateDraft, listOwn, getOwned, submit, refreshFlags, submitClientPhoto, ...photos };
}

/** The service's type, for routes and the UploadThing wiring. */
export type SubmissionService = ReturnType<typeof createSubmissionService>;

function details(input: SubmissionInput): SubmissionDetails {
  return { treatment: input.treatment, profile: input.profile, sessions: input.sessions, consent: input.consent ?? null, notes: input.notes ?? '' };
}

/** A stored draft as a request body (for re-validating it with a patch applied). */
function detailsOf(record: SubmissionRecord): Record<string, unknown> {
  const { treatment, profile, sessions, consent, notes } = record;
  return { treatment, profile, sessions, notes, ...(consent ? { consent } : {}) };
}

function pick(source: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, source[key] ?? null]));
}

function incomplete(field: string, message: string): SubmissionError {
  return new SubmissionError(422, 'draft-incomplete', message, { field });
}
