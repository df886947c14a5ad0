import type { PublishedCase } from '../content/types.ts';
import type { ClientLinkRecord } from '../db/client-links.ts';
import { findPublishJournal } from '../db/publish-journal.ts';
import { findSubmission, type SubmissionRecord } from '../db/submissions.ts';
import type { Database } from '../db/types.ts';

/**
 * What a client link leads to now: a submission not yet live (its draft or pending photos), or a
 * published case. `caseId` of a submission is set once its publish has begun: an answer then
 * concerns the case it is becoming.
 */
export type LinkTarget =
  | { kind: 'submission'; submission: SubmissionRecord; caseId: string | null }
  | { kind: 'case'; kase: PublishedCase; submissionId: string | null };

/** Submission statuses a client can still answer about (later ones resolve to the published case). */
const answerable = ['draft', 'pending', 'approved', 'publishing'] as const;

/**
 * The target of a link, or undefined when there is none any more (the case was withdrawn,
 * rejected, or is hidden while a moderator reviews a decline).
 */
export async function resolveTarget(db: Database, liveCase: (caseId: string) => Promise<PublishedCase | undefined>, link: Pick<ClientLinkRecord, 'caseId' | 'submissionId'>): Promise<LinkTarget | undefined> {
  if (link.caseId) {
    const kase = await liveCase(link.caseId);
    return kase && { kind: 'case', kase, submissionId: link.submissionId };
  }
  const submission = link.submissionId ? findSubmission(db, link.submissionId) : undefined;
  if (!submission) return undefined;
  const journal = findPublishJournal(db, submission.id);
  if (submission.status === 'live' && journal) {
    const kase = await liveCase(journal.caseId);
    return kase && { kind: 'case', kase, submissionId: submission.id };
  }
  if (!(answerable as readonly string[]).includes(submission.status)) return undefined;
  return { kind: 'submission', submission, caseId: journal?.caseId ?? null };
}
