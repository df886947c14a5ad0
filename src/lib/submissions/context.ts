import type { SignedInUser } from '../accounts/types.ts';
import type { PublishedCase } from '../content/types.ts';
import type { SubmissionStatus, SubmissionRecord } from '../db/submissions.ts';
import { findSubmission } from '../db/submissions.ts';
import type { Database } from '../db/types.ts';
import type { CopyLibrary } from '../duplicates/index.ts';
import type { EvidenceAssessor } from '../evidence/node.ts';
import type { IngestedPhoto, IngestSource } from '../images/ingest.ts';
import type { MasterStore } from '../storage/masters.ts';
import type { OriginalStorage } from '../storage/types.ts';
import { stageOf } from '../trust/stage.ts';
import { SubmissionError, submissionNotFound } from './errors.ts';
import { isId } from './schema.ts';

/** Who acts: the signed-in user as `locals.user` carries it. */
export type Actor = Pick<SignedInUser, 'id' | 'role' | 'practitionerSlug'>;

/** The effects the submission service works through, passed in (tests give fakes or temp folders). */
export interface SubmissionServiceDeps {
  db: Database;
  storage: OriginalStorage;
  masters: MasterStore;
  /** Default: `ingestPhoto` from src/lib/images, reading evidence with `evidence`. */
  ingest?: (source: IngestSource) => Promise<IngestedPhoto>;
  /** Reads each original's Content Credentials and editing signs; default: the shipped trust list. */
  evidence?: EvidenceAssessor;
  /**
   * The shared copy index (every submitted and published photo), and how to bring its published
   * part up to date. Without it, no copy is looked for (some unit tests).
   */
  copies?: { library: CopyLibrary; syncPublished?: () => Promise<unknown> };
  /** A published case by id (follow-ups are added to live cases); without it, no follow-up can be made. */
  liveCase?: (caseId: string) => Promise<PublishedCase | undefined>;
  /** Default: the wall clock. */
  now?: () => Date;
  /** Where failures to clean up are reported (they never hide the refusal itself). */
  log?: Pick<Console, 'error'>;
}

/** Only practitioners write submissions (admins moderate them). */
export function requirePractitioner(actor: Actor): string {
  if (actor.role !== 'practitioner' || !actor.practitionerSlug) {
    throw new SubmissionError(403, 'forbidden', 'Only practitioners create and change submissions; you are signed in as an admin.');
  }
  return actor.practitionerSlug;
}

/**
 * The actor's own submission. A malformed id, a missing one and another practitioner's all get the
 * same 404, so nobody can learn which ids exist.
 */
export function ownedSubmission(db: Database, actor: Actor, id: unknown): SubmissionRecord {
  if (!isId(id)) throw submissionNotFound();
  const found = findSubmission(db, id);
  if (!found || found.ownerUserId !== actor.id) throw submissionNotFound();
  return found;
}

/** Refusal for changing a submission that left the draft status. */
export function notADraft(status: SubmissionStatus): SubmissionError {
  return new SubmissionError(409, 'not-a-draft', `This case is ${status}, not a draft: only drafts can be changed.`, { status });
}

/** The actor's own draft, or a 404/409. */
export function editableDraft(db: Database, actor: Actor, id: unknown): SubmissionRecord {
  const found = ownedSubmission(db, actor, id);
  if (found.status !== 'draft') throw notADraft(found.status);
  return found;
}

/** `new Date('YYYY-MM-DD')` as the trust model wants it (UTC midnight). */
export function dayDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** The stage of a photo taken on `day` in this submission (its sessions, and a follow-up's touch-ups). */
export function stageIn(submission: Pick<SubmissionRecord, 'sessions' | 'touchUps'>, day: string) {
  return stageOf(dayDate(day), submission.sessions.map(dayDate), submission.touchUps.map(dayDate));
}
