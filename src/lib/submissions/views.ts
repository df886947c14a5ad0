import type { SubmissionFlagRecord } from '../db/flags.ts';
import type { SubmissionPhotoRecord } from '../db/submission-photos.ts';
import type { SubmissionListItem, SubmissionRecord } from '../db/submissions.ts';
import { publicEvidence, type Evidence } from '../evidence/index.ts';

/** What `POST /api/submissions/:id/photos` answers: the photo as ingest and the trust model saw it. */
export interface PhotoSummary {
  id: string;
  /** Effective capture day `YYYY-MM-DD`: the signed capture's, else the EXIF day, else the declared one. */
  capturedAt: string;
  /** Where `capturedAt` came from: the signed capture, the EXIF date, or the practitioner. */
  dateSource: SubmissionPhotoRecord['dateFrom'];
  /** What the original file proves: `{ level, reasons, signer?, tool?, ai? }`. */
  evidence: Evidence;
  /** Master size in pixels. */
  width: number;
  height: number;
  /** Stage computed from `capturedAt` and the draft's sessions. */
  stage: SubmissionPhotoRecord['stage'];
}

/** A photo inside `GET /api/submissions/:id`. */
export interface PhotoView extends PhotoSummary {
  view: SubmissionPhotoRecord['view'];
  claimedStage: SubmissionPhotoRecord['claimedStage'];
  /** Camera-clock day found in the file's EXIF, or null. */
  exifCapturedAt: string | null;
  /** The day the practitioner declared, or null. */
  declaredCapturedAt: string | null;
  /** ISO 8601 UTC. */
  uploadedAt: string;
  /** The private preview (owner and admins only). */
  previewUrl: string;
  /** `client` for a photo the client sent through their link. */
  addedBy: SubmissionPhotoRecord['addedBy'];
}

/** A flag as the practitioner sees it: `{code, message, photoId?}`. */
export type FlagView = Pick<SubmissionFlagRecord, 'code' | 'message' | 'photoId'>;

/** `GET /api/submissions/:id`. */
export type SubmissionView = Omit<SubmissionRecord, 'ownerUserId'> & {
  photos: PhotoView[];
  flags: FlagView[];
  /** The moderator's message when they sent the case back for changes (null otherwise). */
  changesRequested: string | null;
};

/** An item of `GET /api/submissions`. */
export type SubmissionListView = Pick<SubmissionListItem, 'id' | 'status' | 'kind' | 'caseId' | 'touchUp' | 'treatment' | 'sessions' | 'photoCount' | 'flagCount' | 'createdAt' | 'updatedAt' | 'submittedAt'>;

/** Where a photo's private preview is served. */
export function previewUrl(submissionId: string, photoId: string): string {
  return `/api/submissions/${submissionId}/photos/${photoId}/preview`;
}

export function photoSummary(photo: SubmissionPhotoRecord): PhotoSummary {
  return { id: photo.id, capturedAt: photo.capturedAt, dateSource: photo.dateFrom, evidence: publicEvidence(photo.evidence), width: photo.width, height: photo.height, stage: photo.stage };
}

export function photoView(photo: SubmissionPhotoRecord): PhotoView {
  return {
    ...photoSummary(photo),
    view: photo.view,
    claimedStage: photo.claimedStage,
    exifCapturedAt: photo.exifCapturedDay,
    declaredCapturedAt: photo.declaredCapturedAt,
    uploadedAt: photo.uploadedAt,
    previewUrl: previewUrl(photo.submissionId, photo.id),
    addedBy: photo.addedBy,
  };
}

export function submissionView(
  record: SubmissionRecord,
  photos: SubmissionPhotoRecord[],
  flags: SubmissionFlagRecord[],
  changesRequested: string | null = null,
): SubmissionView {
  const { ownerUserId: _owner, ...rest } = record;
  return { ...rest, photos: photos.map(photoView), flags: flags.map(flagView), changesRequested };
}

/** Leaves out what only moderators may see (the other submission of a near-duplicate). */
export function flagView(flag: SubmissionFlagRecord): FlagView {
  return { code: flag.code, message: flag.message, ...(flag.photoId ? { photoId: flag.photoId } : {}) };
}

export function listView(item: SubmissionListItem): SubmissionListView {
  const { id, status, kind, caseId, touchUp, treatment, sessions, photoCount, flagCount, createdAt, updatedAt, submittedAt } = item;
  return { id, status, kind, caseId, touchUp, treatment, sessions, photoCount, flagCount, createdAt, updatedAt, submittedAt };
}

/** What the audit log keeps of a photo: enough to identify it, nothing private. */
export function auditedPhoto(photo: SubmissionPhotoRecord) {
  return { id: photo.id, view: photo.view, capturedAt: photo.capturedAt, dateSource: photo.dateFrom, evidence: photo.evidence.level, stage: photo.stage, masterSha256: photo.masterSha256, originalSha256: photo.originalSha256, addedBy: photo.addedBy };
}
