/**
 * How large a request body each kind of route reads, in one place: the readers enforce them, the
 * forms and the README quote them. A body past its limit is refused with 413 the moment it passes
 * (or at once, when `Content-Length` already says so), and nothing more of it is read.
 */
/** The multipart framing (boundaries, part headers, text fields) an upload carries beside its file. */
export const multipartFraming = 64 * 1024;

/** The largest photo or certificate file (what storage keeps; the upload form checks it before sending). */
export const uploadFileBytes = 25 * 1024 * 1024;

export const bodyLimits = {
  /** API JSON bodies: a case's details and notes are a few KB; 64 KB leaves room and no more. */
  json: 64 * 1024,
  /** HTML form posts (sign-in, decisions, reports, withdrawal): a few short fields. */
  form: 16 * 1024,
  /** One photo or certificate upload: the 25 MB file limit of storage plus the framing around it. */
  photo: uploadFileBytes + multipartFraming,
} as const;
