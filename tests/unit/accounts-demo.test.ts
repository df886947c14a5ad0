import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DemoAccountsInProductionError, demoAccounts, prepareAccounts, seedDemoAccounts, verifyPassword } from '../../src/lib/accounts/index.ts';
import { findUserByEmail, insertUser, listAuditEvents, listDemoUsers, migrate, openDatabase, type Database } from '../../src/lib/db/index.ts';

const open: Database[] = [];
afterEach(() => open.splice(0).forEach((db) => db.close()));

function migrated(): Database {
  const db = openDatabase(':memory:');
  open.push(db);
  migrate(db);
  return db;
}

describe('demo accounts', () => {
  it('are admin@, ana@ (ana-ribeiro) and ben@ (ben-carter) at healed.test', () => {
    expect(demoAccounts).toEqual([
      { email: 'admin@healed.test', role: 'admin', practitionerSlug: null },
      { email: 'ana@healed.test', role: 'practitioner', practitionerSlug: 'ana-ribeiro' },
      { email: 'ben@healed.test', role: 'practitioner', practitionerSlug: 'ben-carter' },
    ]);
  });

  it('are seeded once, flagged as demo, with the demo password; seeding again changes nothing', async () => {
    const db = migrated();
    expect(await seedDemoAccounts(db)).toEqual(demoAccounts.map((a) => a.email));
    const first = listDemoUsers(db);
    expect(first.map((u) => [u.email, u.role, u.practitionerSlug, u.isDemo])).toEqual(demoAccounts.map((a) => [a.email, a.role, a.practitionerSlug, true]));
    expect(await verifyPassword(DEMO_PASSWORD, first[1]!.passwordHash)).toBe(true);
    expect(new Set(first.map((u) => u.passwordHash)).size).toBe(3);

    expect(await seedDemoAccounts(db)).toEqual([]);
    expect(listDemoUsers(db)).toEqual(first);
    expect(listAuditEvents(db).filter((e) => e.action === 'user.create')).toHaveLength(3);
  });

  it('leave an existing account with a demo email alone', async () => {
    const db = migrated();
    insertUser(db, { email: 'admin@healed.test', passwordHash: 'kept', role: 'admin', practitionerSlug: null });
    expect(await seedDemoAccounts(db)).toEqual(['ana@healed.test', 'ben@healed.test']);
    expect(findUserByEmail(db, 'admin@healed.test')).toMatchObject({ passwordHash: 'kept', isDemo: false });
  });
});

describe('prepareAccounts (start-up rule)', () => {
  it('seeds in demo mode', async () => {
    const db = migrated();
    expect((await prepareAccounts(db, 'demo', 'healed.db')).seeded).toHaveLength(3);
  });

  it('in production mode, refuses while any demo account exists, naming them and the fix', async () => {
    const db = migrated();
    await seedDemoAccounts(db);
    const refusal = prepareAccounts(db, 'production', '/srv/data/healed.db');
    await expect(refusal).rejects.toBeInstanceOf(DemoAccountsInProductionError);
    await expect(refusal).rejects.toThrow(/\/srv\/data\/healed\.db holds demo accounts .*admin@healed\.test, ana@healed\.test, ben@healed\.test.*npm run user:add/);
  });

  it('in production mode, seeds nothing and starts without demo accounts', async () => {
    const db = migrated();
    insertUser(db, { email: 'ops@example.com', passwordHash: 'x', role: 'admin', practitionerSlug: null });
    expect(await prepareAccounts(db, 'production', 'healed.db')).toEqual({ seeded: [] });
    expect(listDemoUsers(db)).toEqual([]);
  });
});
