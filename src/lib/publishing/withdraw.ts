import { tagsForChange } from '../cache/tags.ts';
import type { PublishedCase } from '../content/types.ts';
import { recordAuditEvent } from '../db/audit.ts';
import { inTransaction } from '../db/database.ts';
import { findPublishJournalByCase, recordJournalStep } from '../db/publish-journal.ts';
import { countPhotosWithMaster, listPhotosOfSubmission } from '../db/submission-photos.ts';
import { changeSubmissionStatus } from '../db/submissions.ts';
import { completeWithdrawal, findWithdrawal, insertWithdrawal, type Withdrawal } from '../db/withdrawals.ts';
import { SubmissionError } from '../submissions/errors.ts';
import { createKeyedLock } from '../submissions/keyed-lock.ts';
import { findHeldCase, removeCaseFolder, removeHeldCaseFolder } from './case-folder.ts';
import { closeCaseExtras, submissionsOfCase } from './case-withdrawal.ts';
import type { ChangeOptions, PublishingDeps, WithdrawActor } from './types.ts';

const lock = createKeyedLock();

/**
 * Who may withdraw a case: an admin, or the practitioner whose portfolio it is in. Pure. Anyone
 * else gets the same 404 as for a case that does not exist, so ids cannot be probed.
 */
export function mayWithdraw(actor: WithdrawActor, kase: Pick<PublishedCase, 'practitionerSlug'>): boolean {
  return actor.role === 'admin' || (actor.role === 'practitioner' && actor.practitionerSlug === kase.practitionerSlug);
}

/** The live case `actor` may withdraw, or a 404 refusal. */
export async function withdrawableCase(deps: PublishingDeps, caseId: string, actor: WithdrawActor): Promise<PublishedCase> {
  const kase = await deps.content.case(caseId);
  if (!kase || !mayWithdraw(actor, kase)) throw new SubmissionError(404, 'not-found', 'No live case of yours has this id: it may have been withdrawn already.');
  return kase;
}

/**
 * Withdraws a live case (the client revoked consent): the tombstone first (the page answers 410
 * from then on), then the folder, content, search document, variants, originals per the retention
 * setting, and the cache tags. Resolves once all is done; a crash is finished at the next start.
 */
export function withdrawCase(deps: PublishingDeps, caseId: string, options: ChangeOptions & { reason?: string }): Promise<Withdrawal> {
  return lock(caseId, async () => {
    const earlier = findWithdrawal(deps.db, caseId);
    if (earlier) return earlier.completedAt ? earlier : finishWithdrawal(deps, earlier, options);
    // A case hidden while a moderator reviews its client's decline can be withdrawn as well.
    const kase = (await deps.content.case(caseId)) ?? (await findHeldCase(deps.portfoliosDir, caseId));
    if (!kase) throw new SubmissionError(404, 'not-found', `No live case has the id ${caseId}.`);
    const now = deps.now?.() ?? new Date();
    const tombstone = inTransaction(deps.db, () => {
      const journal = findPublishJournalByCase(deps.db, caseId);
      if (journal && journal.doneStep !== 'live') {
        throw new SubmissionError(409, 'still-publishing', 'This case is still being published; withdraw it in a few seconds.');
      }
      const written = insertWithdrawal(deps.db, {
        caseId, practitionerSlug: kase.practitionerSlug, submissionId: journal?.submissionId ?? null,
        actorUserId: options.actorUserId, reason: options.reason ?? '', photoSha256s: [...new Set(kase.photos.map((p) => p.sha256))],
      }, now);
      if (journal) {
        recordJournalStep(deps.db, journal.submissionId, 'withdrawn', now);
        changeSubmissionStatus(deps.db, journal.submissionId, { from: 'live', to: 'withdrawn' }, now);
      }
      closeCaseExtras(deps.db, caseId, options.actorUserId, now);
      recordAuditEvent(deps.db, {
        actorUserId: options.actorUserId, action: 'case.withdraw', subject: `case:${caseId}`,
        before: { status: 'live', submissionId: journal?.submissionId ?? null }, after: { status: 'withdrawn', reason: options.reason ?? '' },
      }, now);
      return written;
    });
    return finishWithdrawal(deps, tombstone, options);
  });
}

/** The clean-up after the tombstone; every part idempotent, so a restart can run it again. */
export async function finishWithdrawal(deps: PublishingDeps, tombstone: Withdrawal, options: ChangeOptions): Promise<Withdrawal> {
  const { caseId, practitionerSlug } = tombstone;
  await removeCaseFolder(deps.portfoliosDir, practitionerSlug, caseId);
  await removeHeldCaseFolder(deps.portfoliosDir, practitionerSlug, caseId);
  await deps.content.refreshCase(practitionerSlug, caseId);
  await deps.indexCase(caseId);
  // A photo shared with another live case (same master bytes) keeps its variants.
  const snapshot = await deps.content.snapshot();
  const stillUsed = new Set([...snapshot.cases.values()].flatMap((c) => c.photos.map((p) => p.sha256)));
  const deletedPhotos = tombstone.photoSha256s.filter((sha256) => !stillUsed.has(sha256));
  for (const sha256 of deletedPhotos) await deps.variants.remove(sha256);
  let originals = 0;
  if (deps.originalsRetention === 'delete') for (const id of submissionsOfCase(deps.db, caseId, tombstone.submissionId)) originals += await deleteOriginals(deps, id);
  // Pages and the deleted photos' /img answers leave every instance and the shared cache (recorded
  // in the database first: a shared cache that is down is purged when it answers again).
  await deps.invalidateCache(tagsForChange({ practitionerSlug, caseId }, deletedPhotos));
  const now = deps.now?.() ?? new Date();
  inTransaction(deps.db, () => {
    completeWithdrawal(deps.db, caseId, now);
    recordAuditEvent(deps.db, { actorUserId: options.actorUserId, action: 'case.withdraw.done', subject: `case:${caseId}`, after: { originalsDeleted: originals, retention: deps.originalsRetention } }, now);
  });
  return { ...tombstone, completedAt: now.toISOString() };
}

/** Deletes a withdrawn submission's originals and the masters no other submission uses; returns how many originals. */
async function deleteOriginals(deps: PublishingDeps, submissionId: string): Promise<number> {
  const photos = listPhotosOfSubmission(deps.db, submissionId);
  for (const photo of photos) await deps.originals.deleteOriginal(photo.originalKey);
  for (const sha256 of new Set(photos.map((p) => p.masterSha256))) {
    const own = photos.filter((p) => p.masterSha256 === sha256).length;
    if (countPhotosWithMaster(deps.db, sha256) <= own) await deps.masters.remove(sha256);
  }
  return photos.length;
}
