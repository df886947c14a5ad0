import { describe, expect, it } from 'vitest';
import { newPasswordProblem, parseLoginInput, safeNextPath } from '../../src/lib/accounts/index.ts';

describe('parseLoginInput', () => {
  it('takes JSON fields, trimming and lower-casing the email but not touching the password', () => {
    expect(parseLoginInput({ email: ' Ana@Healed.TEST ', password: ' pw ' }, false)).toEqual({ ok: true, credentials: { email: 'ana@healed.test', password: ' pw ' } });
  });

  it('takes the two fields of the no-JS login form, ignoring its buttons', () => {
    expect(parseLoginInput({ email: 'ana@healed.test', password: 'healed-demo', submit: '1' }, true)).toEqual({ ok: true, credentials: { email: 'ana@healed.test', password: 'healed-demo' } });
  });

  it.each([
    [{ password: 'x' }, 'email'],
    [{ email: 'not-an-email', password: 'x' }, 'email'],
    [{ email: 'ana@healed.test' }, 'password'],
    [{ email: 'ana@healed.test', password: '' }, 'password'],
    [{ email: 'ana@healed.test', password: 'x'.repeat(1025) }, 'password'],
  ])('answers 400 naming the field for %j', (body, field) => {
    const result = parseLoginInput(body, false);
    expect(result).toMatchObject({ ok: false, status: 400, error: { code: 'invalid-request', field } });
    if (!result.ok) expect(result.error.message.startsWith(`${field}: `)).toBe(true);
  });

  it('refuses unknown API fields', () => {
    expect(parseLoginInput({ email: 'a@b.co', password: 'x', admin: true }, false)).toMatchObject({ ok: false, status: 400, error: { message: expect.stringMatching(/^admin: /) } });
  });
});

describe('safeNextPath', () => {
  it.each([
    ['/account', '/account'],
    ['/cases/abc/?x=1#top', '/cases/abc/?x=1#top'],
    [null, '/account'],
    ['', '/account'],
    ['https://evil.example/', '/account'],
    ['//evil.example/', '/account'],
    ['/\\evil.example/', '/account'],
    ['/\t/evil.example', '/account'],
    ['javascript:alert(1)', '/account'],
    ['account', '/account'],
    ['/login', '/account'],
    ['/login/', '/account'],
    // Dot segments collapse when parsed: each of these became `//evil.example` (an open redirect).
    ['/.//evil.example', '/account'],
    ['/..//evil.example', '/account'],
    ['/%2e//evil.example', '/account'],
    ['/a/..//evil.example', '/account'],
    ['/./\\evil.example', '/account'],
  ])('%j → %j', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });
});

describe('newPasswordProblem', () => {
  it('wants at least 12 characters, at most 1024, no outer spaces', () => {
    expect(newPasswordProblem('short')).toMatch(/at least 12/);
    expect(newPasswordProblem('twelve chars')).toBeUndefined();
    expect(newPasswordProblem(' twelve chars')).toMatch(/spaces/);
    expect(newPasswordProblem('x'.repeat(1025))).toMatch(/at most 1024/);
  });
});
