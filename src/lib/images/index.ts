/**
 * Public face of the images capability. Pages and components import `file-name.ts` helpers and
 * types from here; only the store (and, through it, the encode workers) loads sharp.
 */
export type {
  EnsureOptions, EnsureReport, FormatSettings, MasterRef, PhotoVariants, VariantFile, VariantFormat, VariantRecipe, VariantStore,
} from './types.ts';
export { contentTypes, isSha256, parseVariantFileName, variantFileName, variantSrcset, variantUrl } from './file-name.ts';
export { defaultRecipe, recipeIdOf, widthsFor } from './recipe.ts';
export { createVariantStore, type VariantStoreOptions } from './variant-store.ts';
export { inspectMaster, type MasterInspection } from './inspect.ts';
export { ingestDefaults, ingestPhoto, type IngestedPhoto, type IngestOptions, type IngestSource } from './ingest.ts';
export { IngestError, isIngestError, type IngestErrorCode, type IngestStatus } from './ingest-error.ts';
export { greyThumbnail, hammingDistance, photoHashes, type PerceptualHash, type PhotoHashes } from './phash.ts';
export { sniffImageType, type AcceptedFormat, type SniffResult } from './sniff.ts';
export { parseExifDateTime, readExifCaptureDate, type ExifCaptureDate } from './exif-date.ts';
