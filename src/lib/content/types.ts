import type { CaseData, PhotoData, PractitionerData } from './schema.ts';
import type { ContentProblem } from './problems.ts';

/** A practitioner as published: their profile and the folder name that is their URL. */
export interface Practitioner extends PractitionerData {
  /** Folder name under portfolios/, used in `/practitioners/<slug>/`. */
  slug: string;
}

/** A published photo with the absolute path of its sanitized master. */
export interface PublishedPhoto extends PhotoData {
  /** Absolute path of the master file, for the variant store only (never served). */
  path: string;
}

/** A published case: its folder name, its practitioner, its validated content. */
export interface PublishedCase extends Omit<CaseData, 'photos'> {
  /** Case folder name, unique across portfolios, used in `/cases/<id>/`. */
  id: string;
  /** The practitioner's folder name. */
  practitionerSlug: string;
  /** Photos with their master paths. */
  photos: PublishedPhoto[];
}

/** Everything valid in portfolios/, plus what was not and why. */
export interface ContentSnapshot {
  practitioners: Map<string, Practitioner>;
  cases: Map<string, PublishedCase>;
  /** Problems found; the files they name are left out of the site. */
  problems: ContentProblem[];
  /** How many files were left out. */
  invalidFiles: number;
}

/**
 * What listings need of a case: where it belongs, what it treats, when it was published. A
 * published case is one; a first start's listing answers with these alone (its cases follow
 * seconds later). Its listing rank travels with it (gallery/listing-order.ts).
 */
export type ListedCase = Pick<PublishedCase, 'id' | 'practitionerSlug' | 'treatment' | 'publishedAt'>;

/** A snapshot whose cases are listed only (a first start, before its cases are handed on). */
export interface ListingSnapshot extends Omit<ContentSnapshot, 'cases'> {
  cases: Map<string, ListedCase>;
}
