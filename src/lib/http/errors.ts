/**
 * The one refusal type of the HTTP layer: a status, a stable `code` clients can switch on, a
 * message saying what to do, and extras (`field`, `problems`, `hint`) for forms to place it.
 * Services throw it (or a named subclass) for the caller's mistakes; `errorResponse` turns it
 * into the API's JSON shape. Anything else that escapes a route is our bug and answers 500.
 */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly extra: Record<string, unknown>;
  /** Response headers the refusal needs (`Retry-After`, `Allow`). */
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.extra = extra;
    this.headers = headers;
  }
}

/**
 * True for an `HttpError` or a subclass, also across module copies (the bundled server and the
 * scripts each load their own copy of this file, so `instanceof` alone is not enough).
 */
export function isHttpError(error: unknown): error is HttpError {
  if (error instanceof HttpError) return true;
  return error instanceof Error && typeof (error as { status?: unknown }).status === 'number' && typeof (error as { code?: unknown }).code === 'string' && 'extra' in error;
}

/**
 * A body that cannot be read at all: too large, of the wrong type, malformed or cut off. Always
 * answered as the API's JSON error, even to a form post: no page can help the sender fix it.
 */
export class BodyError extends HttpError {
  constructor(status: number, code: string, message: string) {
    super(status, code, message);
    this.name = 'BodyError';
  }
}

/** True for a `BodyError` (by name, across module copies). */
export function isBodyError(error: unknown): boolean {
  return isHttpError(error) && error.name === 'BodyError';
}

/** 413 for a body past a route's limit; the limit is named so the caller knows what fits. */
export function bodyTooLarge(maxBytes: number, what = 'The request body'): BodyError {
  return new BodyError(413, 'body-too-large', `${what} is larger than ${formatBytes(maxBytes)}, the limit here: send less.`);
}

/** 415 naming what the route reads. */
export function unsupportedMediaType(accepted: string): BodyError {
  return new BodyError(415, 'unsupported-media-type', `Send the body as ${accepted}.`);
}

/** 400 for a body whose sender stopped before its end (a dropped connection, a cut-off upload). */
export function bodyInterrupted(detail: string): BodyError {
  return new BodyError(400, 'body-interrupted', `The request body ended early (${detail}): send it again.`);
}

/** `64 KB`, `25 MB`: limits as people read them (binary units, as the code sets them). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
