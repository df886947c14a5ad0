import { recordAuditEvent } from '../db/audit.ts';
import { inTransaction } from '../db/database.ts';
import {
  countPhotosOfSubmission, countPhotosWithMaster, deleteSubmissionPhoto, findSubmissionPhoto, insertSubmissionPhoto, type DateFrom, type SubmissionPhotoRecord,
} from '../db/submission-photos.ts';
import { findSubmission, touchSubmission, type SubmissionStatus } from '../db/submissions.ts';
import type { PhotoAuthor } from '../content/vocabulary.ts';
import { fingerprintToText, probesToBytes } from '../duplicates/index.ts';
import { ingestPhoto, type IngestedPhoto } from '../images/ingest.ts';
import { isIngestError } from '../images/ingest-error.ts';
import type { UploadBody } from '../http/index.ts';
import { visibleToModerators } from '../moderation/rules.ts';
import { previewContentType } from '../storage/masters.ts';
import { receiveOriginal } from '../storage/receive-original.ts';
import { editableDraft, notADraft, requirePractitioner, stageIn, type Actor, type SubmissionServiceDeps } from './context.ts';
import { photoNotFound, SubmissionError, submissionNotFound } from './errors.ts';
import { createKeyedLock } from './keyed-lock.ts';
import { fieldProblems, isId, photoFieldsSchema, submissionLimits, type PhotoFields } from './schema.ts';
import { newPhotoId } from './ids.ts';
import { auditedPhoto, photoSummary, type PhotoSummary } from './views.ts';

/** The text fields a photo upload may carry beside `file`. */
const photoFieldNames = ['view', 'capturedAt', 'claimedStage'] as const;

/** An original already stored (local upload or UploadThing), to ingest and record. */
export interface StoredOriginalInput {
  ownerUserId: number;
  submissionId: string;
  key: string;
  fields: PhotoFields;
  /** `client` for the photo a client sends through their link; default: the practitioner. */
  addedBy?: PhotoAuthor;
  /** The statuses the submission may be in to take it; default: a draft only (the client's link also reaches a pending one). */
  statuses?: readonly SubmissionStatus[];
  /**
   * The day a file without a date of its own was taken, when the sender says so implicitly: a
   * client sends their current photo, so it is the day they sent it (recorded as declared).
   */
  undatedDay?: string;
}

/** Photos of drafts: upload, ingest, record, delete, and the private preview. */
export function createPhotoService(deps: SubmissionServiceDeps) {
  const { db, storage, masters } = deps;
  const ingest = deps.ingest ?? ((source) => ingestPhoto(source, deps.evidence ? { evidence: deps.evidence } : {}));
  const copies = deps.copies;
  const now = deps.now ?? (() => new Date());
  const log = deps.log ?? console;
  const withMasterLock = createKeyedLock();

  /** Never throws: a failed clean-up is logged, and the refusal that caused it still reaches the caller. */
  async function removeOriginal(key: string): Promise<void> {
    await storage.deleteOriginal(key).catch((error) => log.error(`[submissions] could not delete original ${key}:`, error));
  }

  /** 409 when the draft already holds as many photos as a published case may (a follow-up: with its live case's). */
  function assertRoom(submissionId: string, room: number = submissionLimits.photos): void {
    if (countPhotosOfSubmission(db, submissionId) >= room) {
      const more = room < submissionLimits.photos ? ` (its live case already shows ${submissionLimits.photos - room})` : '';
      throw new SubmissionError(409, 'too-many-photos', `A case holds at most ${submissionLimits.photos} photos${more}: delete one before adding another.`);
    }
  }

  /** How many photos a submission may hold: a follow-up shares the limit with the photos its live case shows. */
  async function roomOf(submission: { kind: string; caseId: string | null }): Promise<number> {
    if (submission.kind !== 'follow-up') return submissionLimits.photos;
    const live = await deps.liveCase?.(submission.caseId ?? '');
    return Math.max(0, submissionLimits.photos - (live?.photos.length ?? 0));
  }

  /** Whether this actor may add a photo to this draft now (the UploadThing route asks before the upload). */
  function checkUpload(actor: Actor, submissionId: unknown): void {
    requirePractitioner(actor);
    assertRoom(editableDraft(db, actor, submissionId).id);
  }

  /**
   * `POST /api/submissions/:id/photos`: checks the draft before a byte is read, streams the
   * multipart `file` into storage (its size limit enforced while streaming), then ingests and
   * records it.
   */
  async function addPhoto(actor: Actor, submissionId: unknown, upload: UploadBody): Promise<PhotoSummary> {
    requirePractitioner(actor);
    const draft = editableDraft(db, actor, submissionId);
    assertRoom(draft.id, await roomOf(draft));
    const stored = await receiveOriginal(upload, storage, { ownerId: String(actor.id), fieldNames: photoFieldNames, what: 'the photo' });
    let fields: PhotoFields;
    try {
      fields = parsePhotoFields(stored.fields);
    } catch (error) {
      await removeOriginal(stored.key);
      throw error;
    }
    return recordOriginal({ ownerUserId: actor.id, submissionId: draft.id, key: stored.key, fields });
  }

  /**
   * Ingests a stored original and records the photo. On any refusal the original is deleted and
   * no row or master is left: a refused file leaves nothing behind.
   */
  async function recordOriginal(input: StoredOriginalInput): Promise<PhotoSummary> {
    const { ownerUserId, submissionId, key, fields } = input;
    try {
      const draft = findSubmission(db, submissionId);
      if (!draft || draft.ownerUserId !== ownerUserId) throw submissionNotFound();
      if (!(input.statuses ?? ['draft']).includes(draft.status)) throw notADraft(draft.status);
      const room = await roomOf(draft);
      // Published photos change rarely; keeping their part of the copy index current costs one
      // pass over case ids, done while this photo is ingested (the submit check reads it).
      const synced = copies?.syncPublished?.().catch((error) => log.error('[copies] syncing published photos failed:', error));
      const photo = await ingestOrRefuse(() => storage.readOriginal(key));
      await synced;
      const date = effectiveDate(photo, fields.capturedAt ?? input.undatedDay);
      const sha256 = photo.masterSha256;
      const record = await withMasterLock(sha256, async () => {
        await masters.put({ sha256, master: photo.master, preview: photo.preview });
        try {
          return insertPhoto(input, photo, date, room);
        } catch (error) {
          if (countPhotosWithMaster(db, sha256) === 0) await masters.remove(sha256);
          throw error;
        }
      });
      copies?.library.addSubmitted(record.id, photo.fingerprint);
      return photoSummary(record);
    } catch (error) {
      await removeOriginal(key);
      throw error;
    }
  }

  /** Inserts the row, re-checking the draft inside the transaction (it may have been submitted meanwhile). */
  function insertPhoto(input: StoredOriginalInput, photo: IngestedPhoto, date: EffectiveDate, room: number): SubmissionPhotoRecord {
    const { ownerUserId, submissionId, key, fields } = input;
    const at = now();
    return inTransaction(db, () => {
      const draft = findSubmission(db, submissionId);
      if (!draft || draft.ownerUserId !== ownerUserId) throw submissionNotFound();
      if (!(input.statuses ?? ['draft']).includes(draft.status)) throw notADraft(draft.status);
      assertRoom(submissionId, room);
      const record: SubmissionPhotoRecord = {
        id: newPhotoId(),
        submissionId,
        view: fields.view,
        claimedStage: fields.claimedStage ?? null,
        originalKey: key,
        originalSha256: photo.originalSha256,
        masterSha256: photo.masterSha256,
        width: photo.width,
        height: photo.height,
        originalShortSide: Math.min(photo.originalWidth, photo.originalHeight),
        phash: photo.phash,
        exifCapturedAt: photo.capturedAt?.toISOString() ?? null,
        exifCapturedDay: photo.capturedDay ?? null,
        declaredCapturedAt: fields.capturedAt ?? (date.dateFrom === 'declared' ? date.capturedAt : null),
        capturedAt: date.capturedAt,
        dateSource: photo.capturedDay ? 'exif' : 'declared',
        dateFrom: date.dateFrom,
        evidence: photo.evidence,
        fingerprint: fingerprintToText(photo.fingerprint),
        stage: stageIn(draft, date.capturedAt),
        uploadedAt: at.toISOString(),
        addedBy: input.addedBy ?? 'practitioner',
      };
      insertSubmissionPhoto(db, record, probesToBytes(photo.probes));
      touchSubmission(db, submissionId, at);
      // A client's photo is the client's act: no account of Healed did it.
      recordAuditEvent(db, { actorUserId: record.addedBy === 'client' ? null : ownerUserId, action: 'submission.photo.add', subject: `submission:${submissionId}`, after: auditedPhoto(record) }, at);
      return record;
    });
  }

  async function ingestOrRefuse(load: () => Promise<Uint8Array>): Promise<IngestedPhoto> {
    try {
      return await ingest(load);
    } catch (error) {
      if (!isIngestError(error)) throw error;
      // The hint is what the practitioner can do: it belongs in the message the UI shows.
      throw new SubmissionError(error.status, error.code, `${error.message} ${error.hint}`, { field: 'file', hint: error.hint });
    }
  }

  /** `DELETE /api/submissions/:id/photos/:photoId`: the row, then its original, then its master if unused. */
  async function deletePhoto(actor: Actor, submissionId: unknown, photoId: unknown): Promise<void> {
    requirePractitioner(actor);
    const draft = editableDraft(db, actor, submissionId);
    if (!isId(photoId)) throw photoNotFound();
    const photo = findSubmissionPhoto(db, draft.id, photoId);
    if (!photo) throw photoNotFound();
    const at = now();
    inTransaction(db, () => {
      const current = findSubmission(db, draft.id);
      if (current?.status !== 'draft') throw notADraft(current?.status ?? draft.status);
      if (!deleteSubmissionPhoto(db, photo.id)) throw photoNotFound();
      touchSubmission(db, draft.id, at);
      recordAuditEvent(db, { actorUserId: actor.id, action: 'submission.photo.delete', subject: `submission:${draft.id}`, before: auditedPhoto(photo), after: null }, at);
    });
    copies?.library.removeSubmitted(photo.id);
    await removeOriginal(photo.originalKey);
    await withMasterLock(photo.masterSha256, async () => {
      if (countPhotosWithMaster(db, photo.masterSha256) === 0) await masters.remove(photo.masterSha256);
    });
  }

  /** The private preview of a photo, for its owner, or an admin once it is submitted (404 for anyone else). */
  async function readPreview(actor: Actor, submissionId: unknown, photoId: unknown): Promise<{ body: Uint8Array; contentType: string }> {
    if (!isId(submissionId) || !isId(photoId)) throw submissionNotFound();
    const submission = findSubmission(db, submissionId);
    const isOwner = submission?.ownerUserId === actor.id;
    if (!submission || (!isOwner && !(actor.role === 'admin' && visibleToModerators(submission.status)))) throw submissionNotFound();
    const photo = findSubmissionPhoto(db, submission.id, photoId);
    const body = photo && (await masters.readPreview(photo.masterSha256));
    if (!body) throw photoNotFound();
    return { body, contentType: previewContentType };
  }

  return { checkUpload, addPhoto, recordOriginal, deletePhoto, readPreview, removeOriginal };
}

interface EffectiveDate {
  capturedAt: string;
  dateFrom: DateFrom;
}

/**
 * The signed capture day of a signed-capture photo; else the EXIF day when the file has one (also
 * for an edited photo: still the best date it carries, though it earns no badge); else the
 * declared day, which is then required.
 */
function effectiveDate(photo: IngestedPhoto, declared: string | undefined): EffectiveDate {
  if (photo.evidence.level === 'signed-capture' && photo.evidence.signedDay) return { capturedAt: photo.evidence.signedDay, dateFrom: 'signed' };
  if (photo.exifDateFound && photo.capturedDay) return { capturedAt: photo.capturedDay, dateFrom: 'exif' };
  if (declared) return { capturedAt: declared, dateFrom: 'declared' };
  const ignored = photo.ignoredExifDate ? ` (its camera date "${photo.ignoredExifDate}" is implausible and was ignored)` : '';
  throw new SubmissionError(400, 'captured-at-required', `This photo carries no capture date${ignored}: send capturedAt as YYYY-MM-DD, the day the photo was taken.`, { field: 'capturedAt' });
}

/** The multipart text fields; an empty field (a form's blank input) counts as absent. */
function parsePhotoFields(raw: Record<string, string>): PhotoFields {
  const present = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v !== ''));
  const result = photoFieldsSchema.safeParse(present);
  if (result.success) return result.data;
  const problems = fieldProblems(result.error);
  const first = problems[0]!;
  throw new SubmissionError(400, 'invalid-request', `${first.field}: ${first.message}.`, { field: first.field, problems });
}
