import { recordAuditEvent } from '../db/audit.ts';
import { inTransaction } from '../db/database.ts';
import { findPublishJournal, findPublishJournalByCase, insertPublishJournal, type PublishJournal } from '../db/publish-journal.ts';
import { changeSubmissionStatus, findSubmission } from '../db/submissions.ts';
import { findWithdrawal } from '../db/withdrawals.ts';
import { createKeyedLock } from '../submissions/keyed-lock.ts';
import { SubmissionError } from '../submissions/errors.ts';
import { caseIdFor } from './case-yaml.ts';
import { runJournal } from './journal.ts';
import type { ChangeOptions, PublishingDeps, PublishResult } from './types.ts';

// One publish per submission at a time in this process (a second call waits, then finds it live).
const lock = createKeyedLock();

/** Starts the journal of an approved submission: status approved → publishing, case id chosen once. */
async function startJournal(deps: PublishingDeps, submissionId: string, actorUserId: number | null): Promise<PublishJournal> {
  const snapshot = await deps.content.snapshot();
  const now = deps.now?.() ?? new Date();
  return inTransaction(deps.db, () => {
    const existing = findPublishJournal(deps.db, submissionId);
    if (existing) return existing;
    const submission = findSubmission(deps.db, submissionId);
    if (!submission) throw new SubmissionError(404, 'not-found', `No submission has the id ${submissionId}.`);
    if (submission.status !== 'approved') {
      throw new SubmissionError(409, 'not-approved', `This submission is ${submission.status}: only an approved submission is published.`, { status: submission.status });
    }
    if (submission.kind === 'follow-up') assertStillLive(deps, submission.caseId ?? '', snapshot.cases.has(submission.caseId ?? ''));
    const taken = (id: string) => snapshot.cases.has(id) || findPublishJournalByCase(deps.db, id) !== undefined || findWithdrawal(deps.db, id) !== undefined;
    const journal = insertPublishJournal(deps.db, {
      submissionId, caseId: submission.kind === 'follow-up' ? submission.caseId! : caseIdFor(submission, taken), practitionerSlug: submission.practitionerSlug,
      publishedOn: now.toISOString().slice(0, 10), actorUserId, kind: submission.kind === 'follow-up' ? 'follow-up' : 'publish',
    }, now);
    changeSubmissionStatus(deps.db, submissionId, { from: 'approved', to: 'publishing' }, now);
    recordAuditEvent(deps.db, { actorUserId, action: 'submission.publishing', subject: `submission:${submissionId}`, before: { status: 'approved' }, after: { status: 'publishing', caseId: journal.caseId } }, now);
    return journal;
  });
}

/**
 * A follow-up is appended only to a case that is live now. Withdrawn: it never will be (409).
 * Hidden while a moderator reviews a client's decline: the approval stands and the append waits
 * for the case to be restored (it is retried then, and at every start).
 */
function assertStillLive(deps: PublishingDeps, caseId: string, live: boolean): void {
  if (findWithdrawal(deps.db, caseId)) throw new SubmissionError(409, 'withdrawn', `Case ${caseId} was withdrawn: its follow-up cannot be published.`);
  if (!live) throw new SubmissionError(409, 'case-not-live', `Case ${caseId} is not live now (hidden while a moderator reviews it): the follow-up is published once it is back.`);
}

/**
 * Publishes an approved submission: writes its case folder, variants, content, search document
 * and cache purge, each step journaled; resolves once it is live. Calling it again (or for a
 * publish a crash interrupted) finishes or confirms the same publish.
 */
export function publishSubmission(deps: PublishingDeps, submissionId: string, options: ChangeOptions): Promise<PublishResult> {
  return lock(submissionId, async () => {
    const journal = await startJournal(deps, submissionId, options.actorUserId);
    if (journal.doneStep === 'withdrawn') throw new SubmissionError(409, 'withdrawn', `Case ${journal.caseId} was withdrawn: it cannot be published again.`);
    await runJournal(deps, journal, options);
    return { submissionId, caseId: journal.caseId, practitionerSlug: journal.practitionerSlug, status: 'live' };
  });
}

export { lock as publishLock };
