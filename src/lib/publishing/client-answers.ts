import { tagsForChange } from '../cache/tags.ts';
import { recordAuditEvent } from '../db/audit.ts';
import { findClientAnswer, listUnappliedAnswers, markAnswerApplied, markReviewApplied, type ClientAnswerRecord } from '../db/client-answers.ts';
import { inTransaction } from '../db/database.ts';
import { findWithdrawal } from '../db/withdrawals.ts';
import { isoDay } from '../trust/index.ts';
import { holdCaseFolder, readCaseYamlData, releaseCaseFolder, updateCaseFolder } from './case-folder.ts';
import { caseFolderLock } from './case-lock.ts';
import { updatedCaseYamlText, withClientConfirmation } from './follow-up-yaml.ts';
import type { PublishingDeps } from './types.ts';
import { withdrawCase } from './withdraw.ts';

/** What a client's answer did to the published case. */
export type AnswerEffect = 'confirmed' | 'hidden' | 'withdrawn' | 'nothing';

/** After content changed on disk: this instance's copy, its search document, and every cache that shows it. */
async function republish(deps: PublishingDeps, practitionerSlug: string, caseId: string): Promise<void> {
  await deps.content.refreshCase(practitionerSlug, caseId);
  await deps.indexCase(caseId);
  await deps.invalidateCache(tagsForChange({ practitionerSlug, caseId }));
}

/**
 * Applies a client's answer to the published case it is about, then marks it applied. Each part
 * is idempotent, so an answer a crash left half-applied is finished at the next start.
 * - confirm: `clientConfirmation` is written into its `case.yaml` (the page, card, stats and
 *   search show it);
 * - decline: the case is hidden (its folder set aside) until a moderator reviews it;
 * - withdraw: the existing withdrawal runs (410, search, variants, originals).
 * A case withdrawn meanwhile needs nothing more; one not live yet (its publish still running)
 * is left for later: the publish and every start apply what is due.
 */
export async function applyClientAnswer(deps: PublishingDeps, answer: ClientAnswerRecord): Promise<AnswerEffect> {
  const caseId = answer.caseId;
  const now = () => deps.now?.() ?? new Date();
  let effect: AnswerEffect = 'nothing';
  if (caseId && !findWithdrawal(deps.db, caseId)) {
    const slug = answer.practitionerSlug;
    if (answer.decision === 'withdraw') {
      await withdrawCase(deps, caseId, { actorUserId: null, reason: `The client withdrew their consent through their link.${answer.message ? ` ${answer.message}` : ''}` });
      effect = 'withdrawn';
    } else if (answer.decision === 'confirm') {
      await caseFolderLock(caseId, async () => {
        const current = await readCaseYamlData(deps.portfoliosDir, slug, caseId);
        if (!current) throw new Error(`case ${caseId} is not live: its client's confirmation is written once it is`);
        const text = updatedCaseYamlText(withClientConfirmation(current, isoDay(new Date(answer.answeredAt))));
        await updateCaseFolder(deps.portfoliosDir, slug, caseId, new Map([['case.yaml', new TextEncoder().encode(text)]]));
      });
      await republish(deps, slug, caseId);
      effect = 'confirmed';
    } else {
      await caseFolderLock(caseId, () => holdCaseFolder(deps.portfoliosDir, slug, caseId));
      await republish(deps, slug, caseId);
      effect = 'hidden';
    }
  }
  const at = now();
  inTransaction(deps.db, () => {
    if (findClientAnswer(deps.db, answer.id)?.appliedAt) return;
    markAnswerApplied(deps.db, answer.id, at);
    recordAuditEvent(deps.db, { actorUserId: null, action: `client.answer.${effect}`, subject: `case:${caseId ?? answer.submissionId}`, after: { answerId: answer.id, decision: answer.decision } }, at);
  });
  return effect;
}

/**
 * Carries out a moderator's review of a decline: `restore` puts the hidden case back (and lets
 * follow-ups that waited for it through), `withdraw` runs the withdrawal. Idempotent.
 */
export async function applyAnswerReview(deps: PublishingDeps, answer: ClientAnswerRecord, resumeWaiting: () => Promise<unknown>): Promise<void> {
  const caseId = answer.caseId;
  if (caseId && !findWithdrawal(deps.db, caseId)) {
    if (answer.reviewAction === 'withdraw') {
      await withdrawCase(deps, caseId, { actorUserId: answer.reviewedBy, reason: `Withdrawn after the client declined.${answer.reviewNote ? ` ${answer.reviewNote}` : ''}` });
    } else if (answer.reviewAction === 'restore') {
      await caseFolderLock(caseId, () => releaseCaseFolder(deps.portfoliosDir, answer.practitionerSlug, caseId));
      await republish(deps, answer.practitionerSlug, caseId);
      await resumeWaiting();
    }
  }
  markReviewApplied(deps.db, answer.id, deps.now?.() ?? new Date());
}

/**
 * Applies every answer (and moderator review) still due: at start, and after a publish that an
 * answer arrived during. Failures are reported, never thrown: the rest is still applied.
 */
export async function applyDueAnswers(deps: PublishingDeps, resumeWaiting: () => Promise<unknown>): Promise<Array<{ subject: string; message: string }>> {
  const failed: Array<{ subject: string; message: string }> = [];
  for (const answer of listUnappliedAnswers(deps.db)) {
    try {
      if (!answer.appliedAt) await applyClientAnswer(deps, answer);
      const current = findClientAnswer(deps.db, answer.id) ?? answer;
      if (current.reviewAction && !current.reviewAppliedAt) await applyAnswerReview(deps, current, resumeWaiting);
    } catch (error) {
      failed.push({ subject: `client-answer:${answer.id}`, message: (error as Error).message });
    }
  }
  return failed;
}
