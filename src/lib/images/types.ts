/**
 * The images port: what pages, scripts and the publish flow may ask of the image pipeline.
 * Only `src/lib/images/` knows that sharp sits behind it.
 */

/** An output format of the variant recipe, in the order browsers should prefer them. */
export type VariantFormat = 'avif' | 'webp' | 'jpeg';

/** The manifest of one photo's variant set; its presence on disk means the set is complete. */
export interface PhotoVariants {
  /** SHA-256 of the master file (the content address of every variant). */
  sha256: string;
  /** Id of the recipe the set was made with (8 hex chars). */
  recipeId: string;
  /** Width of the master once EXIF orientation is applied. */
  width: number;
  /** Height of the master once EXIF orientation is applied. */
  height: number;
  /** Tiny blurred WebP as a `data:image/webp;base64,…` URL, shown while the photo loads. */
  placeholder: string;
  /** Widths made, ascending; the last one is the largest variant. */
  widths: number[];
  /** Exact height of each variant, same index as `widths` (read from the encoder, not computed). */
  heights: number[];
  /** Formats made for every width, preferred first. */
  formats: VariantFormat[];
}

/** A master photo to prepare variants for. */
export interface MasterRef {
  /** SHA-256 as recorded in case.yaml; checked against the file before encoding. */
  sha256: string;
  /** Path of the normalized master file. */
  path: string;
}

/** What one `ensure()` run did; a bad photo lands in `failed`, it never throws. */
export interface EnsureReport {
  /** Photos encoded in this run. */
  made: number;
  /** Photos whose complete set already existed. */
  cached: number;
  /** Photos that could not be prepared, with what to do about it. */
  failed: { path: string; message: string }[];
}

/** Options of `ensure()`. */
export interface EnsureOptions {
  /** Called after each photo is settled (cached, made or failed). */
  onProgress?: (done: number, total: number) => void;
}

/** A variant file as served to browsers. */
export interface VariantFile {
  /** The file's bytes (backed by a plain ArrayBuffer, so it is a valid `Response` body). */
  body: Uint8Array<ArrayBuffer>;
  /** MIME type matching the file's format. */
  contentType: string;
}

/** Content-addressed store of image variants. */
export interface VariantStore {
  /** The recipe id this store makes and looks up. */
  readonly recipeId: string;
  /** The manifest of a photo for the current recipe (memoized in memory once found). */
  get(sha256: string): Promise<PhotoVariants | undefined>;
  /** The memoized manifest only; never touches the disk, so it is safe in hot render paths. */
  peek(sha256: string): PhotoVariants | undefined;
  /** Memoizes the manifests of these photos that exist (thousands at a time, in short slices of this thread). */
  load(sha256s: Iterable<string>): Promise<void>;
  /** Makes every missing variant set, spreading photos across all cores. */
  ensure(masters: MasterRef[], options?: EnsureOptions): Promise<EnsureReport>;
  /** Reads a variant by file name; anything but a strict variant file name is a miss. */
  read(fileName: string): Promise<VariantFile | undefined>;
  /** Deletes every variant and manifest of a photo, of every recipe (a withdrawn case). */
  remove(sha256: string): Promise<void>;
}

/** Encoder settings of one format. */
export interface FormatSettings {
  /** Encoder quality, 1–100. */
  quality: number;
  /** CPU effort (AVIF 0–9, WebP 0–6); lower is faster and slightly larger. */
  effort?: number;
  /** JPEG only: use mozjpeg's trellis quantisation (smaller files at the same quality). */
  mozjpeg?: boolean;
}

/** Everything that decides the bytes of a variant; its hash is the recipe id. */
export interface VariantRecipe {
  /** Bump to force a re-encode when the pipeline code changes the output. */
  version: number;
  /** Responsive widths, ascending; the largest is also the cap. */
  widths: number[];
  /** Formats made for every width, preferred first, with their settings. */
  formats: { format: VariantFormat; settings: FormatSettings }[];
  /** The inline placeholder (LQIP). */
  placeholder: { width: number; quality: number; blur: number };
}
