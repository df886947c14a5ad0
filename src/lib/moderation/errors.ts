/** A refusal of moderation: the HTTP status and stable code the API answers with, and extras (`field`). */
export class ModerationError extends Error {
  readonly status: number;
  readonly code: string;
  readonly extra: Record<string, unknown>;

  constructor(status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ModerationError';
    this.status = status;
    this.code = code;
    this.extra = extra;
  }
}

/** True for a `ModerationError`, also across module copies (bundled server vs scripts). */
export function isModerationError(error: unknown): error is ModerationError {
  return error instanceof ModerationError || (error instanceof Error && error.name === 'ModerationError' && 'status' in error && 'code' in error);
}
