/** HTTP statuses an ingest refusal maps to: all the uploader's to fix. */
export type IngestStatus = 400 | 413 | 415 | 422;

/** Why a file was refused; stable values the API and the UI can switch on. */
export type IngestErrorCode =
  | 'empty-file'
  | 'file-too-large'
  | 'too-many-pixels'
  | 'heic-not-supported'
  | 'unsupported-type'
  | 'animated-image'
  | 'undecodable-image'
  | 'image-too-small';

/**
 * A photo refused by ingest. `message` says what is wrong with the file, `hint` what the
 * practitioner can do about it; the API returns both in its `{ error }` body with `status`.
 */
export class IngestError extends Error {
  readonly status: IngestStatus;
  readonly code: IngestErrorCode;
  readonly hint: string;

  constructor(status: IngestStatus, code: IngestErrorCode, message: string, hint: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IngestError';
    this.status = status;
    this.code = code;
    this.hint = hint;
  }
}

/** True for an `IngestError`, also across module copies (bundled server vs scripts). */
export function isIngestError(error: unknown): error is IngestError {
  return error instanceof IngestError || (error instanceof Error && error.name === 'IngestError' && 'code' in error && 'status' in error);
}

/** A file the decoder could not read to the end: damaged, cut short, or not really an image. */
export function undecodableImage(error: unknown): IngestError {
  const detail = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(detail)) {
    return new IngestError(413, 'too-many-pixels', 'The image has more pixels than the limit allows.', 'Export the photo at a smaller size and upload again.', { cause: error });
  }
  const truncated = /premature end|truncated|unexpected end|end of (file|stream)/i.test(detail);
  return new IngestError(
    422,
    'undecodable-image',
    truncated ? 'The photo is incomplete: its data ends before the image does.' : 'The photo could not be decoded: the file is damaged or not really an image.',
    truncated ? 'Upload it again from the original device; the copy you chose was cut short.' : 'Open the photo on your device, export it again as JPEG and upload the new file.',
    { cause: error },
  );
}

/** A file whose real type is not one ingest accepts. */
export function refusedType(kind: 'heic' | 'animation' | 'other', what: string): IngestError {
  if (kind === 'heic') {
    return new IngestError(415, 'heic-not-supported', 'The file is a HEIC/HEIF photo, which cannot be read here.', 'Export the photo as JPEG (iPhone: Settings › Camera › Formats › Most Compatible) and upload again.');
  }
  if (kind === 'animation') return new IngestError(422, 'animated-image', `The file is ${what}, not a photo.`, 'Upload a single still photo (JPEG, PNG, WebP or AVIF).');
  return new IngestError(415, 'unsupported-type', `The file is ${what}, not a photo Healed accepts.`, 'Upload a JPEG, PNG, WebP or AVIF photo.');
}

/** A file over the byte limit. */
export function fileTooLarge(size: number, limit: number): IngestError {
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  return new IngestError(413, 'file-too-large', `The file is ${mb(size)} MB; the limit is ${mb(limit)} MB.`, 'Export the photo as JPEG at a lower quality or size and upload again.');
}
