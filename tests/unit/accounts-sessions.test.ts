import { afterEach, describe, expect, it } from 'vitest';
import { createSession, destroySession, readSession, sessionCookieName, sessionCookieOptions, sessionIdHash, sessionPolicy } from '../../src/lib/accounts/index.ts';
import { deleteSessionsOfUser, insertUser, migrate, openDatabase, type Database } from '../../src/lib/db/index.ts';

const hour = 3600_000;
const open: Database[] = [];
afterEach(() => open.splice(0).forEach((db) => db.close()));

function withUser(): { db: Database; userId: number } {
  const db = openDatabase(':memory:');
  open.push(db);
  migrate(db);
  const user = insertUser(db, { email: 'ana@example.com', passwordHash: 'x', role: 'practitioner', practitionerSlug: 'ana-ribeiro' });
  return { db, userId: user.id };
}

const storedIds = (db: Database) => db.prepare('SELECT id_hash FROM sessions').all().map((row) => row.id_hash);

describe('sessions', () => {
  it('create → read → destroy', () => {
    const { db, userId } = withUser();
    const t0 = Date.UTC(2025, 0, 1);
    const session = createSession(db, userId, t0);
    expect(session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.expiresAt).toBe(t0 + 7 * 24 * hour);
    expect(readSession(db, session.token, t0 + 1000)).toEqual({ id: userId, email: 'ana@example.com', role: 'practitioner', practitionerSlug: 'ana-ribeiro', isDemo: false });
    destroySession(db, session.token);
    expect(readSession(db, session.token, t0 + 2000)).toBeUndefined();
  });

  it('stores only a digest of the token', () => {
    const { db, userId } = withUser();
    const { token } = createSession(db, userId);
    expect(storedIds(db)).toEqual([sessionIdHash(token)]);
    expect(storedIds(db)).not.toContain(token);
  });

  it('ignores unknown tokens', () => {
    const { db } = withUser();
    expect(readSession(db, 'not-a-token')).toBeUndefined();
  });

  it('expires after 24 hours without activity', () => {
    const { db, userId } = withUser();
    const t0 = Date.UTC(2025, 0, 1);
    const { token } = createSession(db, userId, t0);
    expect(readSession(db, token, t0 + 24 * hour - 1)).toBeDefined();
    // That read was activity: a day from it, not from t0.
    expect(readSession(db, token, t0 + 48 * hour - 2)).toBeDefined();
    expect(readSession(db, token, t0 + 72 * hour)).toBeUndefined();
    expect(storedIds(db)).toEqual([]);
  });

  it('records activity at most every few minutes', () => {
    const { db, userId } = withUser();
    const t0 = Date.UTC(2025, 0, 1);
    const { token } = createSession(db, userId, t0);
    const lastSeen = () => (db.prepare('SELECT last_seen_at FROM sessions').get() as { last_seen_at: number }).last_seen_at;
    readSession(db, token, t0 + 60_000);
    expect(lastSeen()).toBe(t0);
    readSession(db, token, t0 + sessionPolicy.touchEveryMs);
    expect(lastSeen()).toBe(t0 + sessionPolicy.touchEveryMs);
  });

  it('expires 7 days after sign-in however active', () => {
    const { db, userId } = withUser();
    const t0 = Date.UTC(2025, 0, 1);
    const { token } = createSession(db, userId, t0);
    for (let h = 12; h < 7 * 24; h += 12) expect(readSession(db, token, t0 + h * hour)).toBeDefined();
    expect(readSession(db, token, t0 + 7 * 24 * hour)).toBeUndefined();
  });

  it('removes expired sessions when a new one starts', () => {
    const { db, userId } = withUser();
    const t0 = Date.UTC(2025, 0, 1);
    createSession(db, userId, t0);
    const fresh = createSession(db, userId, t0 + 8 * 24 * hour);
    expect(storedIds(db)).toEqual([sessionIdHash(fresh.token)]);
  });

  it('end with their user', () => {
    const { db, userId } = withUser();
    createSession(db, userId);
    createSession(db, userId);
    expect(deleteSessionsOfUser(db, userId)).toBe(2);
    createSession(db, userId);
    db.prepare('DELETE FROM users WHERE id = ?').run(userId);
    expect(storedIds(db)).toEqual([]);
  });
});

describe('session cookie', () => {
  it('is HttpOnly, SameSite=Lax, Path=/ and not Secure in demo mode (served over http://localhost)', () => {
    expect(sessionCookieName('demo')).toBe('healed-session');
    expect(sessionCookieOptions('demo', 3600)).toEqual({ httpOnly: true, sameSite: 'lax', path: '/', secure: false, maxAge: 3600 });
  });

  it('is Secure with the __Host- prefix in production', () => {
    expect(sessionCookieName('production')).toBe('__Host-healed-session');
    expect(sessionCookieOptions('production')).toEqual({ httpOnly: true, sameSite: 'lax', path: '/', secure: true });
  });
});
