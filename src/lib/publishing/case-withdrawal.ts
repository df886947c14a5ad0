import { recordAuditEvent } from '../db/audit.ts';
import { revokeClientLinks } from '../db/client-links.ts';
import { closeFollowUpJournals } from '../db/publish-journal.ts';
import { changeSubmissionStatus, listFollowUpsOfCase } from '../db/submissions.ts';
import type { Database } from '../db/types.ts';

/** Statuses a follow-up can leave for `withdrawn` when its case is withdrawn (decided ones stay as they are). */
const openStatuses = ['draft', 'pending', 'approved', 'publishing', 'live'] as const;

/**
 * What else a withdrawal closes, inside its tombstone's transaction: the case's follow-ups (their
 * journals and submissions become `withdrawn`, so none is appended later or retried at start) and
 * every client link still open for the case.
 */
export function closeCaseExtras(db: Database, caseId: string, actorUserId: number | null, now: Date): void {
  closeFollowUpJournals(db, caseId, now);
  for (const followUp of listFollowUpsOfCase(db, caseId)) {
    for (const from of openStatuses) {
      if (!changeSubmissionStatus(db, followUp.id, { from, to: 'withdrawn' }, now)) continue;
      recordAuditEvent(db, { actorUserId, action: 'submission.withdrawn', subject: `submission:${followUp.id}`, before: { status: from }, after: { status: 'withdrawn', caseId } }, now);
      break;
    }
  }
  revokeClientLinks(db, { caseId }, now);
}

/** The submissions whose originals a withdrawn case leaves: the one it was published from and its follow-ups. */
export function submissionsOfCase(db: Database, caseId: string, publishedFrom: string | null): string[] {
  return [...new Set([...(publishedFrom ? [publishedFrom] : []), ...listFollowUpsOfCase(db, caseId).map((f) => f.id)])];
}
