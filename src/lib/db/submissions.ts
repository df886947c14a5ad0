import type { fitzpatrickTypes, ludwigStages, scarTypes, Treatment } from '../content/vocabulary.ts';
import type { Database } from './types.ts';

type LudwigStage = (typeof ludwigStages)[number];
type FitzpatrickType = (typeof fitzpatrickTypes)[number];
type ScarType = (typeof scarTypes)[number];

/**
 * Where a submission is in its life. Practitioners edit `draft`s; `pending` waits for a moderator;
 * the rest belong to moderation and publishing (issue 5).
 */
export const submissionStatuses = ['draft', 'pending', 'approved', 'publishing', 'live', 'rejected', 'changes-requested', 'withdrawn'] as const;
export type SubmissionStatus = (typeof submissionStatuses)[number];

/** A new case, or a follow-up that adds photos (and a touch-up session) to a live case. */
export const submissionKinds = ['case', 'follow-up'] as const;
export type SubmissionKind = (typeof submissionKinds)[number];

/** The client profile as stored: the published case's field names, Fitzpatrick optional in a draft. */
export interface StoredProfile {
  norwood?: number;
  ludwig?: LudwigStage;
  fitzpatrick?: FitzpatrickType;
  scarType?: ScarType;
}

/** The client's consent as recorded with a draft (days as `YYYY-MM-DD`). */
export interface StoredConsent {
  recordedAt: string;
  faceVisible: boolean;
  expiresAt?: string;
  /** The practitioner confirmed that the client signed: always true once stored. */
  attested: true;
}

/** A row of `submissions`, in code's naming. */
export interface SubmissionRecord {
  /** Opaque random id (base64url). */
  id: string;
  ownerUserId: number;
  practitionerSlug: string;
  status: SubmissionStatus;
  /** `case`, or `follow-up` of the live case `caseId`. */
  kind: SubmissionKind;
  /** The live case a follow-up adds to; null for a new case. */
  caseId: string | null;
  /** The touch-up session day a follow-up adds, if any (`YYYY-MM-DD`). */
  touchUp: string | null;
  /** Every touch-up of the case, this follow-up's included, oldest first (stages count from them). */
  touchUps: string[];
  treatment: Treatment;
  profile: StoredProfile;
  /** Session days `YYYY-MM-DD`, oldest first. */
  sessions: string[];
  consent: StoredConsent | null;
  notes: string;
  /** ISO 8601 UTC. */
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
}

/** A submission in a list: the record plus counts. */
export interface SubmissionListItem extends SubmissionRecord {
  photoCount: number;
  flagCount: number;
}

/** The editable part of a submission. */
export type SubmissionDetails = Pick<SubmissionRecord, 'treatment' | 'profile' | 'sessions' | 'consent' | 'notes'>;

interface SubmissionRow {
  id: string;
  owner_user_id: number;
  practitioner_slug: string;
  status: SubmissionStatus;
  treatment: Treatment;
  profile_json: string;
  sessions_json: string;
  consent_json: string | null;
  notes: string;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  kind: SubmissionKind;
  case_id: string | null;
  touch_up: string | null;
  touch_ups_json: string;
}

const columns = 'id, owner_user_id, practitioner_slug, status, treatment, profile_json, sessions_json, consent_json, notes, created_at, updated_at, submitted_at, kind, case_id, touch_up, touch_ups_json';

function toSubmission(row: SubmissionRow): SubmissionRecord {
  return {
    id: row.id,
    ownerUserId: row.owner_user_id,
    practitionerSlug: row.practitioner_slug,
    status: row.status,
    kind: row.kind,
    caseId: row.case_id,
    touchUp: row.touch_up,
    touchUps: JSON.parse(row.touch_ups_json),
    treatment: row.treatment,
    profile: JSON.parse(row.profile_json),
    sessions: JSON.parse(row.sessions_json),
    consent: row.consent_json === null ? null : JSON.parse(row.consent_json),
    notes: row.notes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
  };
}

/** What a follow-up draft adds to its live case. */
export interface FollowUpOf {
  caseId: string;
  touchUp: string | null;
  touchUps: string[];
}

/** Inserts a new draft (a follow-up when `followUp` says of which case). */
export function insertSubmission(db: Database, draft: { id: string; ownerUserId: number; practitionerSlug: string; followUp?: FollowUpOf } & SubmissionDetails, now = new Date()): SubmissionRecord {
  const at = now.toISOString();
  const followUp = draft.followUp;
  const row = db
    .prepare(`INSERT INTO submissions (id, owner_user_id, practitioner_slug, status, treatment, profile_json, sessions_json, consent_json, notes, created_at, updated_at, kind, case_id, touch_up, touch_ups_json)
      VALUES (?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${columns}`)
    .get(draft.id, draft.ownerUserId, draft.practitionerSlug, draft.treatment, JSON.stringify(draft.profile), JSON.stringify(draft.sessions),
      draft.consent === null ? null : JSON.stringify(draft.consent), draft.notes, at, at,
      followUp ? 'follow-up' : 'case', followUp?.caseId ?? null, followUp?.touchUp ?? null, JSON.stringify(followUp?.touchUps ?? [])) as unknown as SubmissionRow;
  return toSubmission(row);
}

/** Changes a follow-up's touch-up day (and so the case's touch-ups its stages count from). */
export function updateFollowUpTouchUp(db: Database, id: string, change: { touchUp: string | null; touchUps: string[] }, now = new Date()): void {
  db.prepare('UPDATE submissions SET touch_up = ?, touch_ups_json = ?, updated_at = ? WHERE id = ?').run(change.touchUp, JSON.stringify(change.touchUps), now.toISOString(), id);
}

/** The follow-ups of a live case, oldest first. */
export function listFollowUpsOfCase(db: Database, caseId: string): SubmissionRecord[] {
  const rows = db.prepare(`SELECT ${columns} FROM submissions WHERE case_id = ? AND kind = 'follow-up' ORDER BY created_at, id`).all(caseId) as unknown as SubmissionRow[];
  return rows.map(toSubmission);
}

/** The submission with this id, whoever owns it (callers check ownership). */
export function findSubmission(db: Database, id: string): SubmissionRecord | undefined {
  const row = db.prepare(`SELECT ${columns} FROM submissions WHERE id = ?`).get(id) as SubmissionRow | undefined;
  return row && toSubmission(row);
}

/** One owner's submissions, newest first, with photo and flag counts. */
export function listSubmissionsOfOwner(db: Database, ownerUserId: number, limit = 500): SubmissionListItem[] {
  const rows = db
    .prepare(`SELECT ${columns.split(', ').map((c) => `s.${c}`).join(', ')},
        (SELECT count(*) FROM submission_photos p WHERE p.submission_id = s.id) AS photo_count,
        (SELECT count(*) FROM submission_flags f WHERE f.submission_id = s.id) AS flag_count
      FROM submissions s WHERE s.owner_user_id = ? ORDER BY s.created_at DESC, s.id LIMIT ?`)
    .all(ownerUserId, limit) as unknown as Array<SubmissionRow & { photo_count: number; flag_count: number }>;
  return rows.map((row) => ({ ...toSubmission(row), photoCount: row.photo_count, flagCount: row.flag_count }));
}

/** Replaces the editable details of a submission; returns the updated record. */
export function updateSubmissionDetails(db: Database, id: string, details: SubmissionDetails, now = new Date()): SubmissionRecord | undefined {
  const row = db
    .prepare(`UPDATE submissions SET treatment = ?, profile_json = ?, sessions_json = ?, consent_json = ?, notes = ?, updated_at = ?
      WHERE id = ? RETURNING ${columns}`)
    .get(details.treatment, JSON.stringify(details.profile), JSON.stringify(details.sessions),
      details.consent === null ? null : JSON.stringify(details.consent), details.notes, now.toISOString(), id) as SubmissionRow | undefined;
  return row && toSubmission(row);
}

/**
 * Moves a submission from one status to another, only if it is still in `from` (a compare-and-set:
 * two requests racing to submit cannot both succeed). Returns the updated record, or undefined.
 */
export function changeSubmissionStatus(
  db: Database,
  id: string,
  change: { from: SubmissionStatus; to: SubmissionStatus; submitted?: boolean },
  now = new Date(),
): SubmissionRecord | undefined {
  const at = now.toISOString();
  const row = db
    .prepare(`UPDATE submissions SET status = ?, updated_at = ?, submitted_at = CASE WHEN ? THEN ? ELSE submitted_at END
      WHERE id = ? AND status = ? RETURNING ${columns}`)
    .get(change.to, at, change.submitted ? 1 : 0, at, id, change.from) as SubmissionRow | undefined;
  return row && toSubmission(row);
}

/** Records that a submission changed (a photo added or removed) without touching its details. */
export function touchSubmission(db: Database, id: string, now = new Date()): void {
  db.prepare('UPDATE submissions SET updated_at = ? WHERE id = ?').run(now.toISOString(), id);
}
