import { HttpError, isHttpError } from '../http/index.ts';

/** A refusal of moderation: an `HttpError` named for the logs (status, stable code, message, extras). */
export class ModerationError extends HttpError {
  constructor(status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
    super(status, code, message, extra);
    this.name = 'ModerationError';
  }
}

/** True for any refusal the API answers as JSON 4xx (kept for the moderation code's readability). */
export const isModerationError = isHttpError;
