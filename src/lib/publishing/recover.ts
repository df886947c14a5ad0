import { findPublishJournal, listApprovedWithoutJournal, listUnfinishedJournals } from '../db/publish-journal.ts';
import { listUnfinishedWithdrawals } from '../db/withdrawals.ts';
import { runJournal } from './journal.ts';
import { publishLock, publishSubmission } from './publish.ts';
import type { PublishingDeps } from './types.ts';
import { finishWithdrawal } from './withdraw.ts';
import { applyDueAnswers } from './client-answers.ts';

/** What a start-up recovery did. */
export interface RecoveryReport {
  /** Case ids made live. */
  published: string[];
  /** Case ids whose withdrawal was finished. */
  withdrawn: string[];
  /** What could not be finished (left for the next start), with why. */
  failed: Array<{ subject: string; message: string }>;
}

/**
 * Finishes, at start, every publish a crash interrupted (journals not at `live`/`withdrawn`, and
 * approved submissions whose journal never started) and every unfinished withdrawal. Nothing is
 * purged from the route cache: it is empty after a restart.
 */
export async function resumeUnfinished(deps: PublishingDeps): Promise<RecoveryReport> {
  const report: RecoveryReport = { published: [], withdrawn: [], failed: [] };
  await resumePublishes(deps, report);
  for (const tombstone of listUnfinishedWithdrawals(deps.db)) {
    try {
      await finishWithdrawal(deps, tombstone, { actorUserId: null });
      report.withdrawn.push(tombstone.caseId);
    } catch (error) {
      report.failed.push({ subject: `case:${tombstone.caseId}`, message: (error as Error).message });
    }
  }
  // Clients' answers last: a confirmation is written into a case its publish just finished.
  report.failed.push(...(await applyDueAnswers(deps, () => resumePublishes(deps, report))));
  return report;
}

/**
 * Finishes interrupted publishes and starts approved ones that never began (follow-ups that
 * waited for their case to be shown again included).
 */
export async function resumePublishes(deps: PublishingDeps, report: RecoveryReport = { published: [], withdrawn: [], failed: [] }): Promise<RecoveryReport> {
  for (const journal of listUnfinishedJournals(deps.db)) {
    try {
      await publishLock(journal.submissionId, async () => {
        const current = findPublishJournal(deps.db, journal.submissionId) ?? journal;
        await runJournal(deps, current, { actorUserId: null });
      });
      report.published.push(journal.caseId);
    } catch (error) {
      report.failed.push({ subject: `submission:${journal.submissionId}`, message: (error as Error).message });
    }
  }
  for (const submissionId of listApprovedWithoutJournal(deps.db)) {
    try {
      report.published.push((await publishSubmission(deps, submissionId, { actorUserId: null })).caseId);
    } catch (error) {
      report.failed.push({ subject: `submission:${submissionId}`, message: (error as Error).message });
    }
  }
  return report;
}
