import { findPhotoOwners, listProbesOfSubmission, type SubmissionPhotoRecord } from '../db/submission-photos.ts';
import type { Database } from '../db/types.ts';
import { bytesToProbes, type CopyLibrary } from '../duplicates/index.ts';
import type { CopyOf, FlagPhoto } from './flags.ts';

/**
 * The photos of a submission as the checks read them, each with the copies the shared index finds
 * of it: its stored probes queried against every submitted and published photo, the owners of the
 * submitted ones looked up. Synchronous (the index is in memory, the rows in SQLite), so submit
 * stays one uninterrupted step. Photos uploaded before probes existed are not looked up.
 */
export function flagPhotosWithCopies(db: Database, submissionId: string, photos: readonly SubmissionPhotoRecord[], library: CopyLibrary | undefined): FlagPhoto[] {
  const probes = library ? listProbesOfSubmission(db, submissionId) : new Map<string, Uint8Array>();
  const found = new Map(photos.map((photo) => {
    const bytes = probes.get(photo.id);
    const matches = bytes && library ? library.findCopies(bytesToProbes(bytes)).filter(({ ref }) => !(ref.kind === 'submission' && ref.photoId === photo.id)) : [];
    return [photo.id, matches] as const;
  }));
  const photoIds = [...new Set([...found.values()].flatMap((matches) => matches.flatMap(({ ref }) => (ref.kind === 'submission' ? [ref.photoId] : []))))];
  const owners = new Map(findPhotoOwners(db, photoIds).map((owner) => [owner.photoId, owner]));
  return photos.map((photo) => {
    const copies = found.get(photo.id)!.flatMap(({ ref, distance }): CopyOf[] => {
      if (ref.kind === 'published') return [{ owner: ref, distance }];
      const owner = owners.get(ref.photoId);
      return owner ? [{ owner: { kind: 'submission', ...owner }, distance }] : [];
    });
    return {
      id: photo.id,
      view: photo.view,
      capturedAt: photo.capturedAt,
      dateFrom: photo.dateFrom,
      evidence: photo.evidence,
      exifCapturedDay: photo.exifCapturedDay,
      declaredCapturedAt: photo.declaredCapturedAt,
      claimedStage: photo.claimedStage,
      originalShortSide: photo.originalShortSide,
      uploadedAt: photo.uploadedAt,
      copies,
    };
  });
}
