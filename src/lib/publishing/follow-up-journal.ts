import { listPhotosOfSubmission } from '../db/submission-photos.ts';
import { findSubmission } from '../db/submissions.ts';
import type { PublishJournal } from '../db/publish-journal.ts';
import { readCaseYamlData, updateCaseFolder, type FolderFiles } from './case-folder.ts';
import { caseFolderLock } from './case-lock.ts';
import { appendFollowUp, updatedCaseYamlText } from './follow-up-yaml.ts';
import type { PublishingDeps } from './types.ts';

/**
 * The `write-folder` step of a follow-up: the live case's `case.yaml` with the follow-up appended,
 * its new photos copied from the masters, written so readers see the case before or after, never
 * between. Idempotent (see `appendFollowUp`): after a crash it finds the folder as far as it got.
 */
export function appendToLiveCase(deps: PublishingDeps, journal: PublishJournal): Promise<'written' | 'present'> {
  const { caseId, practitionerSlug: slug } = journal;
  return caseFolderLock(caseId, async () => {
    const submission = findSubmission(deps.db, journal.submissionId);
    if (!submission) throw new Error(`publish journal of ${journal.submissionId}: the submission is gone`);
    const current = await readCaseYamlData(deps.portfoliosDir, slug, caseId);
    if (!current) throw new Error(`follow-up ${submission.id}: case ${caseId} is not live (withdrawn, or hidden while a moderator reviews it); it is appended once the case is back`);
    const photos = listPhotosOfSubmission(deps.db, submission.id);
    const data = appendFollowUp(current, submission, photos);
    const files: FolderFiles = new Map([['case.yaml', new TextEncoder().encode(updatedCaseYamlText(data))]]);
    const own = new Set(photos.map((p) => p.masterSha256));
    for (const entry of data.photos as Array<{ file: string; sha256: string }>) {
      if (!own.has(entry.sha256)) continue;
      const master = await deps.masters.readMaster(entry.sha256);
      if (!master) throw new Error(`master ${entry.sha256} of ${entry.file} is missing from the masters store: the follow-up cannot copy it`);
      files.set(entry.file, master);
    }
    return updateCaseFolder(deps.portfoliosDir, slug, caseId, files);
  });
}

/** The photos (sha256 and file) the live case holds now, for the `variants` step of a follow-up. */
export async function livePhotosOf(deps: PublishingDeps, journal: PublishJournal): Promise<Array<{ sha256: string; file: string }>> {
  const current = await readCaseYamlData(deps.portfoliosDir, journal.practitionerSlug, journal.caseId);
  if (!current) throw new Error(`follow-up ${journal.submissionId}: case ${journal.caseId} is not live`);
  return (Array.isArray(current.photos) ? current.photos : []).map((p: { sha256: string; file: string }) => ({ sha256: String(p.sha256), file: String(p.file) }));
}
