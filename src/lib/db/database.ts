import { closeSync, openSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import type { Database } from './types.ts';

/** How long a writer waits for another connection's lock (server vs `npm run user:add`) before failing. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens (creating if needed) one SQLite database file with the settings every connection needs.
 * WAL lets readers carry on while one writer commits; foreign keys are off by default in SQLite.
 */
export function openDatabase(file: string): Database {
  if (file !== ':memory:') {
    // The file holds password hashes and session digests: create it owner-only. SQLite gives its
    // -wal and -shm files the same permissions as the main file.
    closeSync(openSync(file, 'a', 0o600));
  }
  const db = new DatabaseSync(file, { timeout: BUSY_TIMEOUT_MS, enableForeignKeyConstraints: true });
  db.exec('PRAGMA journal_mode = WAL');
  // NORMAL is durable across application crashes in WAL mode; only a power cut can lose the last commit.
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec('PRAGMA foreign_keys = ON');
  db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  return db;
}

let savepointCounter = 0;

/**
 * Runs `work` in a transaction: committed if it returns, rolled back if it throws. `work` must be
 * synchronous (an `await` inside would let other requests write into the open transaction).
 * Nested calls become savepoints. The outer transaction is IMMEDIATE, so two processes never
 * both read-then-write the same rows.
 */
export function inTransaction<T>(db: Database, work: () => T): T {
  const nested = db.isTransaction;
  const savepoint = `sp_${++savepointCounter}`;
  db.exec(nested ? `SAVEPOINT ${savepoint}` : 'BEGIN IMMEDIATE');
  try {
    const result = work();
    if (result instanceof Promise) throw new Error('inTransaction() needs synchronous work: move the await outside the transaction.');
    db.exec(nested ? `RELEASE ${savepoint}` : 'COMMIT');
    return result;
  } catch (error) {
    db.exec(nested ? `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}` : 'ROLLBACK');
    throw error;
  }
}
