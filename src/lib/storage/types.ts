/**
 * The storage port: where private originals live. Originals are the untouched uploads (they may
 * carry GPS and device serials), so no implementation ever serves them publicly.
 */

/** Bytes of an upload as they arrive: a web stream (a request body) or any async iterable. */
export type OriginalSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

/** Who an original belongs to and what the uploader declared about it (untrusted). */
export interface OriginalMeta {
  /** Id of the practitioner account the upload belongs to. */
  ownerId: string;
  /** Content type as declared by the browser; ingest sniffs the real one. */
  contentType?: string;
  /** File name as declared by the browser; never used to build a path. */
  name?: string;
}

/** Options of `putOriginal`. */
export interface PutOriginalOptions {
  /** Size limit in bytes, enforced while streaming: the upload stops at the first byte over it. */
  maxBytes: number;
}

/** An original once stored. */
export interface StoredOriginal {
  /** Opaque key of the stored file; the only way to find it again. */
  key: string;
  /** Size in bytes. */
  size: number;
  /** SHA-256 of the bytes as stored, lowercase hex. */
  sha256: string;
}

/** Where originals go. Implementations: local disk (default) and UploadThing (production). */
export interface OriginalStorage {
  /** Which implementation this is. */
  readonly driver: 'local' | 'uploadthing';
  /**
   * Stores an upload. Over `maxBytes` it throws `StorageLimitError` as soon as the limit is passed
   * and leaves nothing behind; on any failure nothing is left either.
   */
  putOriginal(source: OriginalSource, meta: OriginalMeta, options: PutOriginalOptions): Promise<StoredOriginal>;
  /** The bytes of an original; `OriginalNotFoundError` when there is none under that key. */
  readOriginal(key: string): Promise<Uint8Array>;
  /** Deletes an original; deleting a missing one is not an error (withdrawal may run twice). */
  deleteOriginal(key: string): Promise<void>;
  /** Whether an original exists under `key`. */
  exists(key: string): Promise<boolean>;
  /** Whether `key` has the shape of this driver's keys (checked before any path or URL is built). */
  isKey(key: string): boolean;
}

/** An upload larger than the limit; the API answers 413 with this message. */
export class StorageLimitError extends Error {
  readonly status = 413;
  readonly code = 'file-too-large';
  /** The limit that was passed, in bytes. */
  readonly maxBytes: number;

  constructor(maxBytes: number) {
    const mb = (maxBytes / 1024 / 1024).toFixed(maxBytes % (1024 * 1024) === 0 ? 0 : 1);
    super(`The file is larger than ${mb} MB. Export the photo as JPEG at a smaller size or lower quality and upload again.`);
    this.name = 'StorageLimitError';
    this.maxBytes = maxBytes;
  }
}

/** No original under a valid key (deleted, or never stored). */
export class OriginalNotFoundError extends Error {
  readonly code = 'original-not-found';
  readonly key: string;

  constructor(key: string) {
    super(`No original is stored under key ${key}: it was deleted or never stored; upload the photo again.`);
    this.name = 'OriginalNotFoundError';
    this.key = key;
  }
}

/** A key that is not one this driver issues: a bug or a forged value, never a path to follow. */
export class InvalidStorageKeyError extends RangeError {
  readonly code = 'invalid-storage-key';

  constructor(key: string, driver: string) {
    super(`${JSON.stringify(key.slice(0, 80))} is not a ${driver} storage key; use the key putOriginal() returned.`);
    this.name = 'InvalidStorageKeyError';
  }
}
