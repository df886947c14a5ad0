import { HttpError, isHttpError } from '../http/index.ts';

/**
 * A refusal of the submissions service: an `HttpError` named for the logs, with the status and
 * stable code the API answers with, a message saying what to do, and extras (`field`,
 * `problems`, `hint`) for forms to place it.
 */
export class SubmissionError extends HttpError {
  constructor(status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
    super(status, code, message, extra);
    this.name = 'SubmissionError';
  }
}

/** True for any refusal the API answers as JSON 4xx (kept for the submissions code's readability). */
export const isSubmissionError = isHttpError;

/** The one answer for a missing id, another practitioner's submission, or a malformed id. */
export function submissionNotFound(): SubmissionError {
  return new SubmissionError(404, 'not-found', 'No submission of yours has this id: check the link, or find your cases with GET /api/submissions.');
}

/** The one answer for a photo that is not in this submission. */
export function photoNotFound(): SubmissionError {
  return new SubmissionError(404, 'not-found', 'This submission has no photo with this id: it may have been deleted already.');
}
