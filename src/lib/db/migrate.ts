import { inTransaction } from './database.ts';
import { migrations as shippedMigrations } from './migrations/index.ts';
import type { Database, Migration } from './types.ts';

/**
 * Brings the schema up to date: applies every migration not yet recorded in `schema_migrations`,
 * in id order, each in its own transaction. Safe to call at every start and from several
 * processes at once (the check and the change share one IMMEDIATE transaction). Returns the ids
 * it applied.
 */
export function migrate(db: Database, migrations: readonly Migration[] = shippedMigrations): number[] {
  assertOrdered(migrations);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const newest = (db.prepare('SELECT max(id) AS id FROM schema_migrations').get() as { id: number | null }).id ?? 0;
  const known = migrations.at(-1)?.id ?? 0;
  if (newest > known) {
    // A newer release migrated this file: running older code on it could corrupt data.
    throw new Error(`The database schema is at migration ${newest}, newer than this code knows (${known}): run the newer release, or point DATA_DIR at another folder.`);
  }
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE id = ?');
  const record = db.prepare('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)');
  const applied: number[] = [];
  for (const migration of migrations) {
    const ran = inTransaction(db, () => {
      if (isApplied.get(migration.id)) return false;
      try {
        migration.up(db);
      } catch (cause) {
        throw new Error(`Migration ${migration.id}-${migration.name} failed (nothing of it was applied): ${(cause as Error).message}`, { cause });
      }
      record.run(migration.id, migration.name, new Date().toISOString());
      return true;
    });
    if (ran) applied.push(migration.id);
  }
  return applied;
}

/** Ids must be 1, 2, 3… with no gap or repeat: a gap usually means a file missing from the list. */
function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.id !== index + 1) {
      throw new Error(`Migration "${migration.name}" has id ${migration.id} at position ${index + 1}: list migrations in src/lib/db/migrations/index.ts as 1, 2, 3… in order.`);
    }
  });
}
