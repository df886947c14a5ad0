import { describe, expect, it } from 'vitest';
import { newPasswordProblem, readLoginInput, safeNextPath } from '../../src/lib/accounts/index.ts';

const post = (body: string, type = 'application/json') => new Request('http://localhost/api/auth/login', { method: 'POST', headers: { 'content-type': type }, body });

describe('readLoginInput', () => {
  it('reads JSON, trimming and lower-casing the email but not touching the password', async () => {
    expect(await readLoginInput(post(JSON.stringify({ email: ' Ana@Healed.TEST ', password: ' pw ' })))).toEqual({ ok: true, credentials: { email: 'ana@healed.test', password: ' pw ' } });
  });

  it('reads a form-encoded body (the no-JS login form)', async () => {
    const result = await readLoginInput(post('email=ana%40healed.test&password=healed-demo&submit=1', 'application/x-www-form-urlencoded'));
    expect(result).toEqual({ ok: true, credentials: { email: 'ana@healed.test', password: 'healed-demo' } });
  });

  it.each([
    [{ password: 'x' }, 'email'],
    [{ email: 'not-an-email', password: 'x' }, 'email'],
    [{ email: 'ana@healed.test' }, 'password'],
    [{ email: 'ana@healed.test', password: '' }, 'password'],
    [{ email: 'ana@healed.test', password: 'x'.repeat(1025) }, 'password'],
  ])('answers 400 naming the field for %j', async (body, field) => {
    const result = await readLoginInput(post(JSON.stringify(body)));
    expect(result).toMatchObject({ ok: false, status: 400, error: { code: 'invalid-request', field } });
    if (!result.ok) expect(result.error.message.startsWith(`${field}: `)).toBe(true);
  });

  it('refuses unknown fields, malformed JSON, other media types and large bodies', async () => {
    expect(await readLoginInput(post(JSON.stringify({ email: 'a@b.co', password: 'x', admin: true })))).toMatchObject({ ok: false, status: 400, error: { message: expect.stringMatching(/^admin: /) } });
    expect(await readLoginInput(post('{'))).toMatchObject({ ok: false, status: 400, error: { code: 'invalid-json' } });
    expect(await readLoginInput(post('x', 'text/plain'))).toMatchObject({ ok: false, status: 415 });
    expect(await readLoginInput(post(JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(20_000) })))).toMatchObject({ ok: false, status: 413 });
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
