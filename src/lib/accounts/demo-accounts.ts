import { inTransaction } from '../db/database.ts';
import { recordAuditEvent } from '../db/audit.ts';
import type { Database, Role } from '../db/types.ts';
import { findUserByEmail, insertUser, listDemoUsers } from '../db/users.ts';
import { hashPassword } from './password.ts';

/** The demo password, published in the README: which is why production refuses demo accounts. */
export const DEMO_PASSWORD = 'healed-demo';

/** The accounts `npm start` seeds: one admin and the practitioners of two shipped demo portfolios. */
export const demoAccounts: ReadonlyArray<{ email: string; role: Role; practitionerSlug: string | null }> = [
  { email: 'admin@healed.test', role: 'admin', practitionerSlug: null },
  { email: 'ana@healed.test', role: 'practitioner', practitionerSlug: 'ana-ribeiro' },
  { email: 'ben@healed.test', role: 'practitioner', practitionerSlug: 'ben-carter' },
];

/**
 * Creates the demo accounts that do not exist yet; existing ones (demo or not) are left as they
 * are, so running it at every start changes nothing after the first. Returns the emails created.
 */
export async function seedDemoAccounts(db: Database): Promise<string[]> {
  const missing = demoAccounts.filter((account) => !findUserByEmail(db, account.email));
  // Hash outside the transaction (it is async); each account still gets its own salt.
  const hashes = await Promise.all(missing.map(() => hashPassword(DEMO_PASSWORD)));
  return inTransaction(db, () =>
    missing.flatMap((account, index) => {
      // Another process may have seeded it meanwhile.
      if (findUserByEmail(db, account.email)) return [];
      const user = insertUser(db, { ...account, passwordHash: hashes[index]!, isDemo: true });
      recordAuditEvent(db, { actorUserId: null, action: 'user.create', subject: `user:${user.id}`, after: { email: user.email, role: user.role, practitionerSlug: user.practitionerSlug, isDemo: true } });
      return [user.email];
    }),
  );
}

/** Raised in production mode while demo accounts exist: their password is public. */
export class DemoAccountsInProductionError extends Error {
  constructor(emails: string[], databaseFile: string) {
    super(
      `HEALED_MODE=production refuses to start: ${databaseFile} holds demo accounts with the published password ` +
        `(${emails.join(', ')}). Point DATA_DIR at a fresh folder and create an admin with npm run user:add, ` +
        'or delete the demo accounts from this database; then restart.',
    );
    this.name = 'DemoAccountsInProductionError';
  }
}

/**
 * Start-up rule for accounts: demo mode seeds the demo accounts; production mode throws while any
 * demo account exists.
 */
export async function prepareAccounts(db: Database, mode: 'demo' | 'production', databaseFile: string): Promise<{ seeded: string[] }> {
  if (mode === 'demo') return { seeded: await seedDemoAccounts(db) };
  const demo = listDemoUsers(db);
  if (demo.length > 0) throw new DemoAccountsInProductionError(demo.map((user) => user.email), databaseFile);
  return { seeded: [] };
}
