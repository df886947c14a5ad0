import path from 'node:path';
import { tagsForChange } from '../cache/tags.ts';
import { recordAuditEvent } from '../db/audit.ts';
import { inTransaction } from '../db/database.ts';
import { publishSteps, recordJournalStep, type PublishJournal, type PublishStep } from '../db/publish-journal.ts';
import { listPhotosOfSubmission } from '../db/submission-photos.ts';
import { changeSubmissionStatus, findSubmission } from '../db/submissions.ts';
import { casesDirOf, writeCaseFolder, type FolderFiles } from './case-folder.ts';
import { caseYamlFor, caseYamlText, type CaseYaml } from './case-yaml.ts';
import { confirmedBefore } from '../db/client-answers.ts';
import { appendToLiveCase, livePhotosOf } from './follow-up-journal.ts';
import type { ChangeOptions, PublishingDeps } from './types.ts';

/** The `case.yaml` data of a journal's submission (deterministic: the same on every retry). */
function caseDataOf(deps: PublishingDeps, journal: PublishJournal): CaseYaml {
  const submission = findSubmission(deps.db, journal.submissionId);
  if (!submission) throw new Error(`publish journal of ${journal.submissionId}: the submission is gone`);
  // A client's confirmation given before the publish started is part of it; a later one is applied to the live case.
  return caseYamlFor(submission, listPhotosOfSubmission(deps.db, submission.id), journal.publishedOn, confirmedBefore(deps.db, submission.id, journal.startedAt));
}

async function folderFiles(deps: PublishingDeps, data: CaseYaml): Promise<FolderFiles> {
  const files: FolderFiles = new Map([['case.yaml', new TextEncoder().encode(caseYamlText(data))]]);
  for (const photo of data.photos) {
    const master = await deps.masters.readMaster(photo.sha256);
    if (!master) throw new Error(`master ${photo.sha256} of ${photo.file} is missing from the masters store: the publish cannot copy it`);
    files.set(photo.file, master);
  }
  return files;
}

/** Each step: idempotent, so running it again after a crash gives the same result. */
async function runStep(deps: PublishingDeps, journal: PublishJournal, step: PublishStep): Promise<unknown> {
  const { caseId, practitionerSlug: slug } = journal;
  switch (step) {
    case 'write-folder':
      if (journal.kind === 'follow-up') return appendToLiveCase(deps, journal);
      return writeCaseFolder(deps.portfoliosDir, slug, caseId, await folderFiles(deps, caseDataOf(deps, journal)));
    case 'variants': {
      const dir = path.join(casesDirOf(deps.portfoliosDir, slug), caseId);
      const photos = journal.kind === 'follow-up' ? await livePhotosOf(deps, journal) : caseDataOf(deps, journal).photos;
      const report = await deps.variants.ensure(photos.map((p) => ({ sha256: p.sha256, path: path.join(dir, p.file) })));
      if (report.failed.length) throw new Error(`variants of ${caseId} failed: ${report.failed.map((f) => f.message).join('; ')}`);
      return { made: report.made, cached: report.cached };
    }
    case 'content':
      if (!(await deps.content.refreshCase(slug, caseId))) throw new Error(`case ${caseId} was written but does not load: see the [content] lines in the log`);
      return 'loaded';
    case 'search':
      return deps.indexCase(caseId);
    case 'cache': {
      // Recorded in the database before this step is: every instance and the shared cache get it,
      // after a restart too; a shared cache that is down is retried from that record.
      const tags = tagsForChange({ practitionerSlug: slug, caseId });
      return { tags, sharedCache: await deps.invalidateCache(tags) };
    }
    case 'live':
      return 'live';
  }
}

/** Records a step as done (and, for `live`, the submission's status), with its audit event, in one transaction. */
function recordStep(deps: PublishingDeps, journal: PublishJournal, step: PublishStep, result: unknown, actorUserId: number | null): void {
  const now = deps.now?.() ?? new Date();
  inTransaction(deps.db, () => {
    recordJournalStep(deps.db, journal.submissionId, step, now);
    recordAuditEvent(deps.db, { actorUserId, action: `publish.step.${step}`, subject: `submission:${journal.submissionId}`, after: { caseId: journal.caseId, result } }, now);
    if (step === 'live') {
      const moved = changeSubmissionStatus(deps.db, journal.submissionId, { from: 'publishing', to: 'live' }, now);
      if (moved) recordAuditEvent(deps.db, { actorUserId, action: 'submission.live', subject: `submission:${journal.submissionId}`, before: { status: 'publishing' }, after: { status: 'live', caseId: journal.caseId } }, now);
    }
  });
  journal.doneStep = step;
}

/**
 * Runs a journal's remaining steps in order (`write-folder` → `variants` → `content` → `search` →
 * `cache` → `live`), recording each before the next starts. Safe to call on a journal at any step.
 */
export async function runJournal(deps: PublishingDeps, journal: PublishJournal, options: ChangeOptions): Promise<void> {
  if (journal.doneStep === 'withdrawn') return;
  const from = journal.doneStep ? publishSteps.indexOf(journal.doneStep) + 1 : 0;
  for (const step of publishSteps.slice(from)) {
    const result = await runStep(deps, journal, step);
    recordStep(deps, journal, step, result, options.actorUserId);
    deps.afterStep?.(step, journal.submissionId);
  }
}
