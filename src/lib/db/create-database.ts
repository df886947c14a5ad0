import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from './database.ts';
import { migrate } from './migrate.ts';
import type { Database } from './types.ts';

/** Where the database lives inside DATA_DIR. */
export function databaseFile(dataDir: string): string {
  return path.join(dataDir, 'healed.db');
}

/**
 * The factory: opens `<dataDir>/healed.db` (creating folder and file if needed) and migrates it.
 * The server and the command-line scripts both come through here, so they share one schema.
 */
export function createDatabase(dataDir: string): Database {
  const file = databaseFile(dataDir);
  let db: Database;
  try {
    mkdirSync(dataDir, { recursive: true });
    db = openDatabase(file);
  } catch (cause) {
    throw new Error(`Could not open the database ${file}: ${(cause as Error).message}. Check that DATA_DIR exists and is writable.`, { cause });
  }
  try {
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
