/** The moderation state machine, pure: which action is allowed from which status, and what each needs. */
import { describe, expect, it } from 'vitest';
import { decideTransition, maxReasonLength, moderationActions, type DecisionInput } from '../../src/lib/moderation/rules.ts';
import { decisionSchema, reportSchema } from '../../src/lib/moderation/schema.ts';
import { submissionStatuses } from '../../src/lib/db/submissions.ts';

const input = (overrides: Partial<DecisionInput> = {}): DecisionInput => ({ status: 'pending', flagCount: 0, action: 'approve', ...overrides });

describe('decideTransition', () => {
  it('approves a clean pending submission without a reason', () => {
    expect(decideTransition(input())).toEqual({ ok: true, from: 'pending', to: 'approved', reason: null, overrideReason: null, overridden: false });
  });

  it('refuses to approve a flagged submission without an override reason (422 override-required)', () => {
    for (const reason of [undefined, null, '', '   ']) {
      expect(decideTransition(input({ flagCount: 2, reason }))).toMatchObject({ ok: false, status: 422, code: 'override-required', field: 'reason' });
    }
  });

  it('approves a flagged submission with a trimmed override reason, marked as overridden', () => {
    expect(decideTransition(input({ flagCount: 1, reason: '  Checked the originals by phone.  ' })))
      .toEqual({ ok: true, from: 'pending', to: 'approved', reason: null, overrideReason: 'Checked the originals by phone.', overridden: true });
  });

  it('rejects only with a reason (400 naming reason)', () => {
    expect(decideTransition(input({ action: 'reject' }))).toMatchObject({ ok: false, status: 400, field: 'reason' });
    expect(decideTransition(input({ action: 'reject', reason: 'Photos are not of the same client.' })))
      .toMatchObject({ ok: true, to: 'rejected', reason: 'Photos are not of the same client.', overridden: false });
  });

  it('requests changes only with a message, returning the case to draft', () => {
    expect(decideTransition(input({ action: 'request-changes', reason: ' ' }))).toMatchObject({ ok: false, status: 400, field: 'reason' });
    expect(decideTransition(input({ action: 'request-changes', reason: 'Add the crown photo.', flagCount: 3 })))
      .toMatchObject({ ok: true, to: 'draft', reason: 'Add the crown photo.' });
  });

  it('allows no action from any status but pending (409 not-pending)', () => {
    for (const status of submissionStatuses.filter((s) => s !== 'pending')) {
      for (const action of moderationActions) {
        expect(decideTransition(input({ status, action, reason: 'A good enough reason.' }))).toMatchObject({ ok: false, status: 409, code: 'not-pending' });
      }
    }
  });

  it('refuses a reason past the limit', () => {
    expect(decideTransition(input({ action: 'reject', reason: 'x'.repeat(maxReasonLength + 1) }))).toMatchObject({ ok: false, status: 400, field: 'reason' });
  });
});

describe('request schemas', () => {
  it('takes the three actions only', () => {
    expect(decisionSchema.safeParse({ action: 'approve' }).success).toBe(true);
    expect(decisionSchema.safeParse({ action: 'publish' }).success).toBe(false);
  });

  it('reports: reason 10–2000 characters, contact optional up to 200, empty contact is none', () => {
    expect(reportSchema.parse({ caseId: 'ana-ribeiro-aa-1', reason: 'This is my photo.', contact: '' })).toEqual({ caseId: 'ana-ribeiro-aa-1', reason: 'This is my photo.', contact: null });
    expect(reportSchema.safeParse({ caseId: 'x', reason: 'too short' }).success).toBe(false);
    expect(reportSchema.safeParse({ caseId: 'x', reason: 'A long enough reason.', contact: 'c'.repeat(201) }).success).toBe(false);
  });
});
