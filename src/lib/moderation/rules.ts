import type { SubmissionStatus } from '../db/submissions.ts';

/** What an admin can decide about a submission. */
export const moderationActions = ['approve', 'reject', 'request-changes'] as const;
export type ModerationAction = (typeof moderationActions)[number];

/** Where each action takes a pending submission. Request-changes returns it to its owner as an editable draft. */
export const decisionTargets: Record<ModerationAction, SubmissionStatus> = {
  approve: 'approved',
  reject: 'rejected',
  'request-changes': 'draft',
};

/** Only a submission waiting for review can be decided; anything else was decided (or withdrawn) already. */
export const decidableStatuses: readonly SubmissionStatus[] = ['pending'];

/** Longest reason, message or override an admin may write. */
export const maxReasonLength = 2000;

/** What the rule reads: plain data, no I/O. */
export interface DecisionInput {
  status: SubmissionStatus;
  /** How many automatic flags the submission carries. */
  flagCount: number;
  action: ModerationAction;
  /** The admin's text: reject reason, request-changes message or approve override (trimmed here). */
  reason?: string | null;
}

/** The outcome: the change to make, or why it is refused (with the HTTP status the API answers). */
export type DecisionVerdict =
  | { ok: true; from: SubmissionStatus; to: SubmissionStatus; reason: string | null; overrideReason: string | null; overridden: boolean }
  | { ok: false; status: 400 | 409 | 422; code: string; message: string; field?: string };

/**
 * The moderation state machine, pure. Pending only; approve needs a written override when flags
 * exist (a human must say why the automatic checks are wrong); reject needs a reason the
 * practitioner will read; request-changes needs the message that tells them what to change.
 */
export function decideTransition(input: DecisionInput): DecisionVerdict {
  const text = input.reason?.trim() ? input.reason.trim() : null;
  if (text !== null && text.length > maxReasonLength) {
    return { ok: false, status: 400, code: 'invalid-request', field: 'reason', message: `reason: at most ${maxReasonLength} characters.` };
  }
  if (!decidableStatuses.includes(input.status)) {
    return { ok: false, status: 409, code: 'not-pending', message: `This submission is ${input.status}, not pending: only pending submissions can be decided.` };
  }
  const to = decisionTargets[input.action];
  if (input.action === 'approve') {
    if (input.flagCount > 0 && text === null) {
      return {
        ok: false, status: 422, code: 'override-required', field: 'reason',
        message: `This submission has ${input.flagCount} automatic flag${input.flagCount === 1 ? '' : 's'}: approving it needs a written override reason.`,
      };
    }
    const overridden = input.flagCount > 0;
    return { ok: true, from: input.status, to, reason: overridden ? null : text, overrideReason: overridden ? text : null, overridden };
  }
  if (text === null) {
    const what = input.action === 'reject' ? 'a reason for rejecting' : 'a message saying what to change';
    return { ok: false, status: 400, code: 'invalid-request', field: 'reason', message: `reason: ${what} is required.` };
  }
  return { ok: true, from: input.status, to, reason: text, overrideReason: null, overridden: false };
}

/** Whether `value` names a moderation action. */
export function isModerationAction(value: unknown): value is ModerationAction {
  return typeof value === 'string' && (moderationActions as readonly string[]).includes(value);
}

/**
 * Whether moderators may see a submission: not while it is a draft. A draft is the practitioner's
 * work in progress (photos of a client who may not have consented yet), so admins see it only
 * once it is submitted; a draft sent back for changes is private again until resubmitted.
 */
export function visibleToModerators(status: string): boolean {
  return status !== 'draft';
}
