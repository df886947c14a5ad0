import type { Practitioner, PublishedCase } from '../content/types.ts';
import { countryName } from '../content/slug.ts';
import { treatmentLabels } from '../content/vocabulary.ts';
import type { PhotoVariants } from '../images/types.ts';
import { variantUrl } from '../images/file-name.ts';
import { summarizeCase } from '../trust/case-summary.ts';
import type { CaseDocument } from './types.ts';

/** Width a search thumbnail aims for: the recipe's smallest, sized for phone grids. */
export const thumbnailWidth = 400;

/** Returns the thumbnail URL of a photo by its sha256, or `undefined` while its variants are missing. */
export type ThumbnailFor = (sha256: string) => string | undefined;

/** URL of the small AVIF variant a result card shows (the narrowest at least 400 px wide). */
export function thumbnailUrl(variants: PhotoVariants): string {
  const width = variants.widths.find((w) => w >= thumbnailWidth) ?? variants.widths.at(-1)!;
  const format = variants.formats.includes('avif') ? 'avif' : variants.formats[0]!;
  return variantUrl(variants, width, format);
}

const unixSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

/**
 * The search document of one published case. Pure: stage and days healed come from
 * `summarizeCase` (so search agrees with the case page), and the thumbnail is the photo a case
 * card shows (the best "after"), looked up through `thumbnailFor`.
 */
export function buildCaseDocument(kase: PublishedCase, practitioner: Practitioner, thumbnailFor: ThumbnailFor): CaseDocument {
  const summary = summarizeCase(kase);
  const cover = summary.after ?? summary.timeline.at(-1);
  const { norwood, ludwig, fitzpatrick, scarType } = kase.profile;
  const thumbnail = cover ? thumbnailFor(cover.sha256) : undefined;
  const text = [practitioner.name, practitioner.clinic, practitioner.city, countryName(practitioner.country), treatmentLabels[kase.treatment], kase.notes]
    .filter((part) => part && part.trim())
    .join('\n');
  return {
    id: kase.id,
    url: `/cases/${kase.id}/`,
    practitionerSlug: practitioner.slug,
    practitionerName: practitioner.name,
    ...(practitioner.clinic ? { clinic: practitioner.clinic } : {}),
    treatment: kase.treatment,
    city: practitioner.city,
    country: practitioner.country.toUpperCase(),
    _geo: { lat: practitioner.geo.lat, lng: practitioner.geo.lng },
    ...(norwood !== undefined ? { norwood } : {}),
    ...(ludwig !== undefined ? { ludwig } : {}),
    fitzpatrick,
    ...(scarType !== undefined ? { scarType } : {}),
    stage: summary.bestVerifiedStage,
    verifiedHealed: summary.hasVerifiedHealed,
    clientConfirmed: kase.clientConfirmation !== undefined,
    // The result photo's evidence: what a client filtering by evidence wants to know of the card.
    evidence: (cover ?? kase.photos[0])?.evidence.level ?? 'declared',
    daysHealed: summary.daysHealed,
    lastSessionAt: unixSeconds(summary.lastSession),
    publishedAt: unixSeconds(kase.publishedAt),
    ...(thumbnail ? { thumbnail } : {}),
    text,
  };
}

/** Documents in id order, so the same content always gives the same list (and fingerprint). */
export const byDocumentId = (a: CaseDocument, b: CaseDocument) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Documents for every published case whose practitioner is published, ordered by id. */
export function buildCaseDocuments(
  cases: Iterable<PublishedCase>,
  practitioners: ReadonlyMap<string, Practitioner>,
  thumbnailFor: ThumbnailFor,
): CaseDocument[] {
  const docs: CaseDocument[] = [];
  for (const kase of cases) {
    const practitioner = practitioners.get(kase.practitionerSlug);
    if (practitioner) docs.push(buildCaseDocument(kase, practitioner, thumbnailFor));
  }
  return docs.sort(byDocumentId);
}
