import { treatmentLabels, type View } from '../content/vocabulary.ts';
import { listPhotosOfSubmission } from '../db/submission-photos.ts';
import type { Database } from '../db/types.ts';
import { isoDay, stageBadge, summarizeCase } from '../trust/index.ts';
import type { LinkTarget } from './target.ts';

/** One photo on the client's page. */
export interface ClientPhotoView {
  /** An image URL the page can show: a public variant of a live case, or a data URL of a private preview. */
  src: string;
  alt: string;
  view: View;
  /** `YYYY-MM-DD`. */
  capturedAt: string;
  /** The badge words, e.g. "Healed · 120 days". */
  stage: string;
  addedByClient: boolean;
}

/**
 * What the client's page shows: their case's treatment, sessions and dated photos, and whose
 * practice it is (the practitioner's public name). Nothing else: no names, no other case, no
 * account data, so a link that reaches a stranger tells them nothing they could use.
 */
export interface ClientCaseView {
  treatment: string;
  practitionerName: string | null;
  /** Session days, then touch-ups, `YYYY-MM-DD`. */
  sessions: string[];
  touchUps: string[];
  photos: ClientPhotoView[];
  /** Published: the client may also withdraw their consent here. */
  live: boolean;
  /** When the link stops working (ISO 8601). */
  expiresAt: string;
}

/** How the page gets each photo's image. */
export interface PhotoImages {
  /** A live photo's public variant URL (a small one), or undefined while it is being made. */
  variantUrl(sha256: string): Promise<string | undefined>;
  /** A submitted photo's private preview bytes (WebP), or undefined. */
  preview(sha256: string): Promise<Uint8Array | undefined>;
}

const day = (text: string) => new Date(`${text}T00:00:00Z`);

/** Builds the page's view of a link's target. */
export async function clientViewOf(db: Database, target: LinkTarget, images: PhotoImages, practitionerName: string | undefined, expiresMs: number): Promise<ClientCaseView> {
  const base = { practitionerName: practitionerName ?? null, expiresAt: new Date(expiresMs).toISOString() };
  if (target.kind === 'case') {
    const { kase } = target;
    const summary = summarizeCase(kase);
    const photos = await Promise.all(summary.timeline.map(async (p): Promise<ClientPhotoView> => ({
      src: (await images.variantUrl(p.sha256)) ?? '', alt: p.alt, view: p.view, capturedAt: isoDay(p.capturedAt), stage: p.badge.label, addedByClient: p.addedBy === 'client',
    })));
    return { ...base, treatment: treatmentLabels[kase.treatment], sessions: kase.sessions.map(isoDay), touchUps: summary.touchUps.map(isoDay), photos, live: true };
  }
  const { submission } = target;
  const sessions = submission.sessions.map(day);
  const touchUps = submission.touchUps.map(day);
  const rows = [...listPhotosOfSubmission(db, submission.id)].sort((a, b) => a.capturedAt.localeCompare(b.capturedAt));
  const photos = await Promise.all(rows.map(async (p): Promise<ClientPhotoView> => {
    const preview = await images.preview(p.masterSha256);
    return {
      // The photos of a case not yet published are private: inlined for this page, never given a URL.
      src: preview ? `data:image/webp;base64,${Buffer.from(preview).toString('base64')}` : '',
      alt: `${p.view}, ${p.capturedAt}`, view: p.view, capturedAt: p.capturedAt,
      stage: stageBadge({ capturedAt: day(p.capturedAt), evidence: p.evidence }, sessions, touchUps).label, addedByClient: p.addedBy === 'client',
    };
  }));
  return { ...base, treatment: treatmentLabels[submission.treatment], sessions: submission.sessions, touchUps: submission.touchUps, photos, live: false };
}
