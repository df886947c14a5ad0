/**
 * An in-memory, migrated accounts database with one practitioner, for the accounts unit tests.
 * Closed after each test by `closeAccountDatabases` (call it from `afterEach`).
 */
import { hashPassword } from '../../src/lib/accounts/index.ts';
import { insertUser, migrate, openDatabase, type Database } from '../../src/lib/db/index.ts';

/** Ana's password in these databases. */
export const anaPassword = 'a long enough password';

const open: Database[] = [];

/** A fresh database holding ana@example.com (practitioner of ana-ribeiro). */
export async function databaseWithAna(): Promise<Database> {
  const db = openDatabase(':memory:');
  open.push(db);
  migrate(db);
  // Cheaper scrypt parameters keep the tests fast; the verify path is the same.
  insertUser(db, { email: 'ana@example.com', passwordHash: await hashPassword(anaPassword, { ln: 10, r: 8, p: 1 }), role: 'practitioner', practitionerSlug: 'ana-ribeiro' });
  return db;
}

/** Closes every database `databaseWithAna` opened. */
export function closeAccountDatabases(): void {
  open.splice(0).forEach((db) => db.close());
}
