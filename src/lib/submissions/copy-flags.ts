import type { Stage, View } from '../content/vocabulary.ts';
import type { FlagCode, FlagInput, FlagPhoto, SubmissionFlag } from './flags.ts';

/** Who holds a photo the shared index found: a published case, or a submission (any status). */
export type CopyOwner =
  | { kind: 'published'; practitionerSlug: string; caseId: string; file: string }
  | { kind: 'submission'; practitionerSlug: string; submissionId: string; photoId: string; status: string; view: View; stage: Stage; capturedAt: string };

/** One copy found: who holds it, and how close it is (differing bits of 64 at the best crop). */
export interface CopyOf {
  owner: CopyOwner;
  distance: number;
}

/**
 * Copies across the whole index: another practitioner's photo (published or submitted), another
 * case of this practitioner, another stage of this very case, or (for a follow-up) a photo its
 * live case already shows. Drafts of other submissions are
 * work in progress and not compared. Each message names the other photo or case; another
 * practitioner's unpublished case is named to the moderator only (`relatedSubmissionId`).
 */
export function copyFlags(photo: FlagPhoto, { submission, photos }: FlagInput, stageOfPhoto: (photo: FlagPhoto) => Stage): SubmissionFlag[] {
  const flags: SubmissionFlag[] = [];
  const add = (code: FlagCode, message: string, relatedSubmissionId?: string) =>
    flags.push({ code, message, photoId: photo.id, ...(relatedSubmissionId ? { relatedSubmissionId } : {}) });
  const name = `The ${photo.view} photo dated ${photo.capturedAt}`;
  const bits = (distance: number) => `${distance} of 64 hash bits differ at the best crop`;
  const copies = photo.copies ?? [];

  // A follow-up's own live case: its published photos are this case's earlier photos.
  const sameCase = (owner: CopyOwner) => (owner.kind === 'submission' && owner.submissionId === submission.id)
    || (owner.kind === 'published' && !!submission.caseId && owner.caseId === submission.caseId);
  const foreign = copies.find(({ owner }) => !sameCase(owner) && owner.practitionerSlug !== submission.practitionerSlug && isComparable(owner));
  if (foreign) {
    const { owner, distance } = foreign;
    if (owner.kind === 'published') {
      add('possible-stolen-photo', `${name} is a copy (${bits(distance)}) of the photo ${owner.file} in ${owner.practitionerSlug}'s published case /cases/${owner.caseId}/: it may have been taken from their work; compare the two and ask for the original file.`);
    } else {
      add('possible-stolen-photo', `${name} is a copy (${bits(distance)}) of the ${owner.view} photo dated ${owner.capturedAt} in another practitioner's case (${owner.status}): it may have been taken from their work; compare the two and ask for the original file.`, owner.submissionId);
    }
  }

  const own = copies.find(({ owner }) => !sameCase(owner) && owner.practitionerSlug === submission.practitionerSlug && isComparable(owner));
  if (own) {
    const { owner, distance } = own;
    const where = owner.kind === 'published'
      ? `the photo ${owner.file} of this practitioner's published case /cases/${owner.caseId}/`
      : `the ${owner.view} photo dated ${owner.capturedAt} in another of this practitioner's cases (submission ${owner.submissionId}, ${owner.status})`;
    add('duplicate-of-own-case', `${name} is a copy (${bits(distance)}) of ${where}: one photo must not illustrate two clients.`, owner.kind === 'submission' ? owner.submissionId : undefined);
  }

  // Within this case: the same picture presented at two stages. Reported once, on the later upload.
  const index = photos.indexOf(photo);
  const stage = stageOfPhoto(photo);
  const reused = copies.find(({ owner }) => {
    if (!sameCase(owner) || owner.kind !== 'submission' || owner.photoId === photo.id) return false;
    const other = photos.find((p) => p.id === owner.photoId);
    return other !== undefined && photos.indexOf(other) < index && stageOfPhoto(other) !== stage;
  });
  const repeated = copies.find(({ owner }) => owner.kind === 'published' && sameCase(owner));
  if (repeated && repeated.owner.kind === 'published') {
    add('repeats-case-photo', `${name} is the same picture (${bits(repeated.distance)}) as ${repeated.owner.file}, already published in this case: a follow-up shows the client later, in a new photo.`);
  }
  if (reused && reused.owner.kind === 'submission') {
    const other = photos.find((p) => p.id === (reused.owner as { photoId: string }).photoId)!;
    add('reused-across-stages', `${name} (${stage}) is the same picture (${bits(reused.distance)}) as the ${other.view} photo dated ${other.capturedAt} (${stageOfPhoto(other)}) in this case: one photo cannot show two stages of healing.`);
  }
  return flags;
}

/** Drafts of other submissions are not compared: they may be abandoned. */
function isComparable(owner: CopyOwner): boolean {
  return owner.kind === 'published' || owner.status !== 'draft';
}
