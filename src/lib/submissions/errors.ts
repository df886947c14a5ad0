/**
 * A refusal of the submissions service: the HTTP status and stable code the API answers with, a
 * message saying what to do, and extras (`field`, `problems`, `hint`) for forms to place it.
 */
export class SubmissionError extends Error {
  readonly status: number;
  readonly code: string;
  readonly extra: Record<string, unknown>;

  constructor(status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
    super(message);
    this.name = 'SubmissionError';
    this.status = status;
    this.code = code;
    this.extra = extra;
  }
}

/** True for a `SubmissionError`, also across module copies (bundled server vs scripts). */
export function isSubmissionError(error: unknown): error is SubmissionError {
  return error instanceof SubmissionError || (error instanceof Error && error.name === 'SubmissionError' && 'status' in error && 'code' in error);
}

/** The one answer for a missing id, another practitioner's submission, or a malformed id. */
export function submissionNotFound(): SubmissionError {
  return new SubmissionError(404, 'not-found', 'No submission of yours has this id: check the link, or find your cases with GET /api/submissions.');
}

/** The one answer for a photo that is not in this submission. */
export function photoNotFound(): SubmissionError {
  return new SubmissionError(404, 'not-found', 'This submission has no photo with this id: it may have been deleted already.');
}
