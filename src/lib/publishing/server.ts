import path from 'node:path';
import { cacheInvalidations } from '../cache/server.ts';
import { config } from '../config/index.ts';
import { content } from '../content/server.ts';
import { serverDatabase } from '../db/server.ts';
import { findPublishJournal } from '../db/publish-journal.ts';
import { findWithdrawal, type Withdrawal } from '../db/withdrawals.ts';
import { variantStore } from '../images/server.ts';
import { indexPublishedCase } from '../search/server.ts';
import { createMasterStore } from '../storage/masters.ts';
import { storage } from '../storage/server.ts';
import { publishSubmission as publish } from './publish.ts';
import { resumePublishes, resumeUnfinished as resume, type RecoveryReport } from './recover.ts';
import { applyDueAnswers } from './client-answers.ts';
import type { ChangeOptions, PublishingDeps, PublishResult, WithdrawActor } from './types.ts';
import { withdrawableCase, withdrawCase as withdraw } from './withdraw.ts';

// Test-only fault hook for the crash test (tests/integration/publish-crash.test.ts): when set to a
// publish step, the server kills itself with SIGKILL right after recording that step, as a real
// crash would. A no-op unless HEALED_FAULT_AFTER_STEP is set. Never set it in production.
const faultAfterStep = config.faultAfterStep;

let deps: PublishingDeps | undefined;

/** The server's publishing dependencies, built at first use. */
function serverDeps(): PublishingDeps {
  deps ??= {
    db: serverDatabase(),
    portfoliosDir: config.portfoliosDir,
    masters: createMasterStore({ dir: path.join(config.dataDir, 'masters'), servedDirs: [config.portfoliosDir, path.resolve('public'), path.resolve('dist')] }),
    variants: variantStore,
    content,
    indexCase: indexPublishedCase,
    originals: storage,
    originalsRetention: config.originalsRetention,
    invalidateCache: (tags) => cacheInvalidations().invalidate(tags),
    log: console,
    afterStep: faultAfterStep
      ? (step) => {
          if (step === faultAfterStep) process.kill(process.pid, 'SIGKILL');
        }
      : undefined,
  };
  return deps;
}

/**
 * Publishes an approved submission (approved → publishing → live); resolves when it is live. A
 * client's answer that came in while it was publishing is applied to the live case right after.
 */
export async function publishSubmission(submissionId: string, options: ChangeOptions): Promise<PublishResult> {
  const result = await publish(serverDeps(), submissionId, options);
  await applyClientAnswers();
  return result;
}

/**
 * Applies the clients' answers still due to their published cases (confirmation written, case
 * hidden, withdrawn) and moderators' reviews of declines; failures are logged and retried at the
 * next start.
 */
export async function applyClientAnswers(): Promise<void> {
  const deps = serverDeps();
  for (const failure of await applyDueAnswers(deps, () => resumePublishes(deps))) console.error(`[publishing] ${failure.subject}: ${failure.message} (retried at the next start)`);
}

/** Withdraws a live case (tombstone, folder, content, search, variants, originals, cache tags). */
export function withdrawCase(caseId: string, options: ChangeOptions & { reason?: string }): Promise<Withdrawal> {
  return withdraw(serverDeps(), caseId, options);
}

/** Withdraws a case for a signed-in user: 404 unless it is live and theirs (or they are an admin). */
export async function withdrawCaseAs(actor: WithdrawActor, caseId: string, options: Omit<ChangeOptions, 'actorUserId'> & { reason?: string }): Promise<Withdrawal> {
  await withdrawableCase(serverDeps(), caseId, actor);
  return withdraw(serverDeps(), caseId, { ...options, actorUserId: actor.id });
}

/** Finishes publishes and withdrawals a crash interrupted (run once at start). */
export function resumeUnfinished(): Promise<RecoveryReport> {
  return resume(serverDeps());
}

/**
 * The tombstone of a withdrawn case id, for the case page's 410. When the database cannot answer,
 * the page is still served: a withdrawn case's folder is gone from portfolios/, so it answers 404
 * instead of 410 until the database is back.
 */
export function withdrawnCase(caseId: string): Withdrawal | undefined {
  try {
    return findWithdrawal(serverDeps().db, caseId);
  } catch (error) {
    console.error(`[publishing] withdrawal of ${caseId} could not be looked up:`, (error as Error).message);
    return undefined;
  }
}

/** The published case id (folder name) of a submission, once its publish has begun. */
export function caseIdOfSubmission(submissionId: string): string | undefined {
  return findPublishJournal(serverDatabase(), submissionId)?.caseId;
}
