import { config } from '../config/index.ts';
import { createDatabase } from './create-database.ts';
import type { Database } from './types.ts';

let db: Database | undefined;

/**
 * The server's one connection to `<DATA_DIR>/healed.db`, opened and migrated at first use (not at
 * import, so a broken DATA_DIR is reported by whoever first needs the database, with its path).
 */
export function serverDatabase(): Database {
  if (!db) {
    db = createDatabase(config.dataDir);
    // Closing checkpoints the WAL into the main file; synchronous, as 'exit' handlers must be.
    process.once('exit', () => db?.close());
  }
  return db;
}
