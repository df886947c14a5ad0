import type { Random } from './random.ts';
import type { DemoPhoto } from './types.ts';

/** Share of photos whose date is only declared (no usable EXIF), as on a real platform. */
export const declaredShare = 0.2;
/**
 * Share of photos shown as edited (retouched in an app before upload), so the demo shows every
 * level a synthetic photo can honestly have. None is `signed-capture`: that needs a real camera
 * signature (see README), which synthetic photos cannot carry.
 */
export const editedShare = 0.06;
const editingApps = ['Adobe Lightroom', 'Snapseed', 'Facetune', 'Adobe Photoshop'];

/**
 * Marks exact shares of `photos` as declared and as edited (naming the app); the rest stay camera
 * originals. Exported for the core-profile cases, which get the same shares on their own stream.
 */
export function assignEvidence(photos: DemoPhoto[], random: Random): void {
  const shuffled = random.shuffle(photos);
  const declaredCount = Math.round(photos.length * declaredShare);
  for (const photo of shuffled.slice(0, declaredCount)) photo.entry.evidence = { level: 'declared' };
  for (const photo of shuffled.slice(declaredCount, declaredCount + Math.max(1, Math.round(photos.length * editedShare)))) {
    photo.entry.evidence = { level: 'edited', tool: random.pick(editingApps) };
  }
}
