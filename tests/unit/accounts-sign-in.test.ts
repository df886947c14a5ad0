import { afterEach, describe, expect, it } from 'vitest';
import { anaPassword, closeAccountDatabases, databaseWithAna } from '../factories/accounts.ts';
import { readSession, signIn, signOut } from '../../src/lib/accounts/index.ts';
import { listAuditEvents, type Database } from '../../src/lib/db/index.ts';

const password = anaPassword;
afterEach(closeAccountDatabases);
const withAna = databaseWithAna;

const actions = (db: Database) => listAuditEvents(db).map((e) => e.action).reverse();

describe('signIn', () => {
  it('starts a session for the right password and audits it', async () => {
    const db = await withAna();
    const result = await signIn(db, { email: 'ana@example.com', password }, { ip: '192.0.2.1' });
    expect(result).toMatchObject({ ok: true, user: { email: 'ana@example.com', role: 'practitioner', practitionerSlug: 'ana-ribeiro' } });
    if (!result.ok) throw new Error('unreachable');
    expect(readSession(db, result.session.token)?.email).toBe('ana@example.com');
    expect(listAuditEvents(db)[0]).toMatchObject({ action: 'auth.login.success', actorUserId: result.user.id, after: { ip: '192.0.2.1' } });
  });

  it('answers a wrong password and an unknown email alike', async () => {
    const db = await withAna();
    expect(await signIn(db, { email: 'ana@example.com', password: 'wrong' }, { ip: '192.0.2.1' })).toEqual({ ok: false, code: 'invalid-credentials' });
    expect(await signIn(db, { email: 'nobody@example.com', password }, { ip: '192.0.2.1' })).toEqual({ ok: false, code: 'invalid-credentials' });
    expect(actions(db)).toEqual(['auth.login.failure', 'auth.login.failure']);
  });

  it('locks email + address after 5 failures, refusing even the right password, with a Retry-After', async () => {
    const db = await withAna();
    const now = Date.UTC(2025, 0, 1);
    const key = { ip: '192.0.2.1', now };
    for (let i = 0; i < 5; i++) expect((await signIn(db, { email: 'ana@example.com', password: 'wrong' }, key)).ok).toBe(false);
    expect(await signIn(db, { email: 'ana@example.com', password }, key)).toEqual({ ok: false, code: 'too-many-attempts', retryAfterSeconds: 900 });
    // Another address is not locked out by this one's guesses.
    expect((await signIn(db, { email: 'ana@example.com', password }, { ip: '192.0.2.2', now })).ok).toBe(true);
    // After the window, the right password works again.
    expect((await signIn(db, { email: 'ana@example.com', password }, { ip: '192.0.2.1', now: now + 15 * 60_000 })).ok).toBe(true);
    expect(actions(db)).toContain('auth.login.locked');
  });

  it('counts parallel guesses before verifying any, so a burst cannot outrun the lock', async () => {
    const db = await withAna();
    const now = Date.UTC(2025, 0, 1);
    const results = await Promise.all(Array.from({ length: 10 }, () => signIn(db, { email: 'ana@example.com', password: 'wrong' }, { ip: '192.0.2.1', now })));
    expect(results.filter((r) => !r.ok && r.code === 'invalid-credentials')).toHaveLength(5);
    expect(results.filter((r) => !r.ok && r.code === 'too-many-attempts')).toHaveLength(5);
  });

  it('forgets earlier failures after a success', async () => {
    const db = await withAna();
    const key = { ip: '192.0.2.1' };
    for (let i = 0; i < 4; i++) await signIn(db, { email: 'ana@example.com', password: 'wrong' }, key);
    expect((await signIn(db, { email: 'ana@example.com', password }, key)).ok).toBe(true);
    for (let i = 0; i < 4; i++) await signIn(db, { email: 'ana@example.com', password: 'wrong' }, key);
    expect((await signIn(db, { email: 'ana@example.com', password }, key)).ok).toBe(true);
  });

  it('replaces the session the browser had (a new id at every sign-in)', async () => {
    const db = await withAna();
    const first = await signIn(db, { email: 'ana@example.com', password }, { ip: '192.0.2.1' });
    if (!first.ok) throw new Error('sign-in failed');
    const second = await signIn(db, { email: 'ana@example.com', password }, { ip: '192.0.2.1', previousToken: first.session.token });
    if (!second.ok) throw new Error('sign-in failed');
    expect(second.session.token).not.toBe(first.session.token);
    expect(readSession(db, first.session.token)).toBeUndefined();
    expect(readSession(db, second.session.token)).toBeDefined();
  });
});

describe('signOut', () => {
  it('ends the session and audits it', async () => {
    const db = await withAna();
    const result = await signIn(db, { email: 'ana@example.com', password }, { ip: '192.0.2.1' });
    if (!result.ok) throw new Error('sign-in failed');
    signOut(db, result.session.token, result.user, '192.0.2.1');
    expect(readSession(db, result.session.token)).toBeUndefined();
    expect(listAuditEvents(db)[0]).toMatchObject({ action: 'auth.logout', actorUserId: result.user.id });
  });
});
