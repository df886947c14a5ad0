import { afterEach, describe, expect, it } from 'vitest';
import { anaPassword, closeAccountDatabases, databaseWithAna } from '../factories/accounts.ts';
import { changePassword, createBoundedQueue, disableAccount, loginLimits, readSession, signIn, signOutEverywhere, type SignedInUser } from '../../src/lib/accounts/index.ts';
import { findUserByEmail, listAuditEvents, type Database } from '../../src/lib/db/index.ts';

const password = anaPassword;
afterEach(closeAccountDatabases);
const withAna = databaseWithAna;

async function session(db: Database, ip = '192.0.2.1'): Promise<{ user: SignedInUser; token: string }> {
  const result = await signIn(db, { email: 'ana@example.com', password }, { ip });
  if (!result.ok) throw new Error(`sign-in failed: ${result.code}`);
  return { user: result.user, token: result.session.token };
}

describe('sign-in limits beyond one email + address', () => {
  const now = Date.UTC(2025, 0, 1);

  it('slows password spraying: one address trying 30 emails is refused with 429 after 20', async () => {
    const db = await withAna();
    const results = [];
    for (let i = 0; i < 30; i++) results.push(await signIn(db, { email: `user${i}@example.com`, password: 'Summer2025!' }, { ip: '198.51.100.7', now }));
    const refused = results.filter((r) => !r.ok && r.code === 'too-many-attempts');
    expect(refused).toHaveLength(30 - loginLimits.address.maxFailures);
    expect(results.slice(0, loginLimits.address.maxFailures).every((r) => !r.ok && r.code === 'invalid-credentials')).toBe(true);
    // Another address is not held back by this one.
    expect((await signIn(db, { email: 'ana@example.com', password }, { ip: '198.51.100.8', now })).ok).toBe(true);
  });

  it('protects one account guessed from many addresses: 429 after 20, even with the right password, until the window passes', async () => {
    const db = await withAna();
    for (let i = 0; i < loginLimits.account.maxFailures; i++) {
      expect(await signIn(db, { email: 'ana@example.com', password: `guess-${i}` }, { ip: `203.0.113.${i}`, now })).toEqual({ ok: false, code: 'invalid-credentials' });
    }
    const locked = await signIn(db, { email: 'ana@example.com', password }, { ip: '203.0.113.250', now });
    expect(locked).toMatchObject({ ok: false, code: 'too-many-attempts' });
    if (!locked.ok && locked.code === 'too-many-attempts') expect(locked.retryAfterSeconds).toBe(loginLimits.account.windowMs / 1000);
    expect((await signIn(db, { email: 'ana@example.com', password }, { ip: '203.0.113.250', now: now + loginLimits.account.windowMs })).ok).toBe(true);
  });

  it('answers busy (429, nothing counted) when the password-check queue is full', async () => {
    const db = await withAna();
    const queue = createBoundedQueue({ concurrency: 1, maxWaiting: 1 });
    const attempts = Array.from({ length: 6 }, () => signIn(db, { email: 'ana@example.com', password: 'wrong' }, { ip: '192.0.2.9', now, queue }));
    const results = await Promise.all(attempts);
    expect(results.filter((r) => !r.ok && r.code === 'busy')).toHaveLength(4);
    expect(results.filter((r) => !r.ok && r.code === 'invalid-credentials')).toHaveLength(2);
    // Busy answers were not counted as failures: three more may still be tried before the pair lock (5).
    for (let i = 0; i < 3; i++) expect((await signIn(db, { email: 'ana@example.com', password: 'wrong' }, { ip: '192.0.2.9', now, queue })).ok).toBe(false);
    expect((await signIn(db, { email: 'ana@example.com', password }, { ip: '192.0.2.9', now, queue })).ok).toBe(false);
  });
});

describe('bounded queue', () => {
  it('runs at most `concurrency` tasks, queues `maxWaiting`, refuses the rest at once', async () => {
    const queue = createBoundedQueue({ concurrency: 2, maxWaiting: 1 });
    let running = 0;
    let peak = 0;
    const releases: Array<() => void> = [];
    const task = () =>
      new Promise<number>((resolve) => {
        running++;
        peak = Math.max(peak, running);
        releases.push(() => (running--, resolve(running)));
      });
    const admitted = [queue.tryRun(task), queue.tryRun(task), queue.tryRun(task)];
    expect(admitted.every(Boolean)).toBe(true);
    expect(queue.full).toBe(true);
    expect(queue.tryRun(task)).toBeUndefined();
    expect(queue.load).toEqual({ running: 2, waiting: 1 });
    while (releases.length) {
      releases.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(admitted);
    expect(peak).toBe(2);
    expect(queue.load).toEqual({ running: 0, waiting: 0 });
  });
});

describe('account safety', () => {
  it('changes the password with the current one, ending every other session but this one', async () => {
    const db = await withAna();
    const here = await session(db, '192.0.2.1');
    const laptop = await session(db, '192.0.2.2');
    const phone = await session(db, '192.0.2.3');
    expect(await changePassword(db, here.user, here.token, { currentPassword: password, newPassword: 'a brand new passphrase' })).toEqual({ endedSessions: 2 });
    expect(readSession(db, here.token)?.email).toBe('ana@example.com');
    expect(readSession(db, laptop.token)).toBeUndefined();
    expect(readSession(db, phone.token)).toBeUndefined();
    expect((await signIn(db, { email: 'ana@example.com', password }, { ip: '192.0.2.4' })).ok).toBe(false);
    expect((await signIn(db, { email: 'ana@example.com', password: 'a brand new passphrase' }, { ip: '192.0.2.4' })).ok).toBe(true);
    expect(listAuditEvents(db).map((e) => e.action)).toContain('auth.password.change');
  });

  it('refuses a wrong current password (401) and a weak new one (400), changing nothing', async () => {
    const db = await withAna();
    const here = await session(db);
    const other = await session(db, '192.0.2.2');
    await expect(changePassword(db, here.user, here.token, { currentPassword: 'nope', newPassword: 'a brand new passphrase' })).rejects.toMatchObject({ status: 401, code: 'wrong-password', extra: { field: 'currentPassword' } });
    await expect(changePassword(db, here.user, here.token, { currentPassword: password, newPassword: 'short' })).rejects.toMatchObject({ status: 400, extra: { field: 'newPassword' } });
    await expect(changePassword(db, here.user, here.token, {})).rejects.toMatchObject({ status: 400, extra: { field: 'currentPassword' } });
    expect(readSession(db, other.token)).toBeDefined();
    expect((await signIn(db, { email: 'ana@example.com', password }, { ip: '192.0.2.5' })).ok).toBe(true);
  });

  it('signs out everywhere, this session included', async () => {
    const db = await withAna();
    const here = await session(db);
    const other = await session(db, '192.0.2.2');
    expect(signOutEverywhere(db, here.user)).toEqual({ endedSessions: 2 });
    expect(readSession(db, here.token)).toBeUndefined();
    expect(readSession(db, other.token)).toBeUndefined();
  });

  it('disables an account: its sessions end and it cannot sign in, even with the right password', async () => {
    const db = await withAna();
    const here = await session(db);
    expect(disableAccount(db, 'ana@example.com')).toMatchObject({ endedSessions: 1 });
    expect(readSession(db, here.token)).toBeUndefined();
    expect(await signIn(db, { email: 'ana@example.com', password }, { ip: '192.0.2.1' })).toEqual({ ok: false, code: 'account-disabled' });
    expect(await signIn(db, { email: 'ana@example.com', password: 'wrong' }, { ip: '192.0.2.1' })).toEqual({ ok: false, code: 'invalid-credentials' });
    expect(findUserByEmail(db, 'ana@example.com')?.disabledAt).toEqual(expect.any(String));
    expect(disableAccount(db, 'nobody@example.com')).toBeUndefined();
  });
});
