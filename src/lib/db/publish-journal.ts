import type { Database } from './types.ts';

/** Steps of a publish, in order; `withdrawn` closes a journal whose case was later withdrawn. */
export const publishSteps = ['write-folder', 'variants', 'content', 'search', 'cache', 'live'] as const;
export type PublishStep = (typeof publishSteps)[number];
export type JournalStep = PublishStep | 'withdrawn';

/** What a journal does: publish a new case folder, or append a follow-up to a live one. */
export type JournalKind = 'publish' | 'follow-up';

/** A row of `publish_journal`: how far one submission's publish got. */
export interface PublishJournal {
  submissionId: string;
  /** The case folder name, fixed when the publish started (the live case, for a follow-up). */
  caseId: string;
  kind: JournalKind;
  practitionerSlug: string;
  /** `YYYY-MM-DD` written as the case's `publishedAt`. */
  publishedOn: string;
  /** The last step recorded as done, or null before the first. */
  doneStep: JournalStep | null;
  actorUserId: number | null;
  startedAt: string;
  updatedAt: string;
}

interface JournalRow {
  submission_id: string;
  case_id: string;
  kind: JournalKind;
  practitioner_slug: string;
  published_on: string;
  done_step: JournalStep | null;
  actor_user_id: number | null;
  started_at: string;
  updated_at: string;
}

const columns = 'submission_id, case_id, kind, practitioner_slug, published_on, done_step, actor_user_id, started_at, updated_at';

function toJournal(row: JournalRow): PublishJournal {
  return {
    submissionId: row.submission_id,
    caseId: row.case_id,
    kind: row.kind,
    practitionerSlug: row.practitioner_slug,
    publishedOn: row.published_on,
    doneStep: row.done_step,
    actorUserId: row.actor_user_id,
    startedAt: row.started_at,
    updatedAt: row.updated_at,
  };
}

/** Starts a journal (no step done yet); a publish unless `kind` says follow-up. */
export function insertPublishJournal(db: Database, journal: Pick<PublishJournal, 'submissionId' | 'caseId' | 'practitionerSlug' | 'publishedOn' | 'actorUserId'> & { kind?: JournalKind }, now = new Date()): PublishJournal {
  const at = now.toISOString();
  const row = db
    .prepare(`INSERT INTO publish_journal (${columns}) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?) RETURNING ${columns}`)
    .get(journal.submissionId, journal.caseId, journal.kind ?? 'publish', journal.practitionerSlug, journal.publishedOn, journal.actorUserId, at, at) as unknown as JournalRow;
  return toJournal(row);
}

/** The journal of a submission, if its publish ever started. */
export function findPublishJournal(db: Database, submissionId: string): PublishJournal | undefined {
  const row = db.prepare(`SELECT ${columns} FROM publish_journal WHERE submission_id = ?`).get(submissionId) as JournalRow | undefined;
  return row && toJournal(row);
}

/** The journal that published this case id, if any (its follow-ups' journals aside). */
export function findPublishJournalByCase(db: Database, caseId: string): PublishJournal | undefined {
  const row = db.prepare(`SELECT ${columns} FROM publish_journal WHERE case_id = ? AND kind = 'publish'`).get(caseId) as JournalRow | undefined;
  return row && toJournal(row);
}

/** The follow-up journals of a case, oldest first. */
export function listFollowUpJournals(db: Database, caseId: string): PublishJournal[] {
  const rows = db.prepare(`SELECT ${columns} FROM publish_journal WHERE case_id = ? AND kind = 'follow-up' ORDER BY started_at, submission_id`).all(caseId) as unknown as JournalRow[];
  return rows.map(toJournal);
}

/**
 * Records a step as done. A journal closed as `withdrawn` stays so: a follow-up still running
 * when its case was withdrawn must not reopen it.
 */
export function recordJournalStep(db: Database, submissionId: string, step: JournalStep, now = new Date()): void {
  db.prepare("UPDATE publish_journal SET done_step = ?, updated_at = ? WHERE submission_id = ? AND done_step IS NOT 'withdrawn'").run(step, now.toISOString(), submissionId);
}

/** Closes the unfinished follow-up journals of a withdrawn case; returns their submission ids. */
export function closeFollowUpJournals(db: Database, caseId: string, now = new Date()): string[] {
  const rows = db.prepare(`UPDATE publish_journal SET done_step = 'withdrawn', updated_at = ? WHERE case_id = ? AND kind = 'follow-up' AND done_step IS NOT 'withdrawn' RETURNING submission_id`)
    .all(now.toISOString(), caseId) as Array<{ submission_id: string }>;
  return rows.map((r) => r.submission_id);
}

/** Journals not yet at `live` or `withdrawn`, oldest first: what a restart must finish. */
export function listUnfinishedJournals(db: Database): PublishJournal[] {
  const rows = db
    .prepare(`SELECT ${columns} FROM publish_journal WHERE done_step IS NULL OR done_step NOT IN ('live', 'withdrawn') ORDER BY started_at, submission_id`)
    .all() as unknown as JournalRow[];
  return rows.map(toJournal);
}

/** Approved submissions whose publish never started (the process stopped right after approval). */
export function listApprovedWithoutJournal(db: Database): string[] {
  const rows = db
    .prepare(`SELECT s.id FROM submissions s WHERE s.status = 'approved'
      AND NOT EXISTS (SELECT 1 FROM publish_journal j WHERE j.submission_id = s.id) ORDER BY s.updated_at, s.id`)
    .all() as unknown as Array<{ id: string }>;
  return rows.map((row) => row.id);
}
