import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from './database.ts';
import type { Database } from './types.ts';

/**
 * A derived cache of parsed content files, `<DATA_DIR>/content-cache.db`: each YAML file's parsed
 * value (and its folder's file names) under a stamp of its size and modification times. Reading
 * 100k case folders from it instead of parsing them halves the start-up read; a stale or missing
 * entry is simply parsed again. Safe to delete at any time; never a source of truth.
 */
export interface ParseCache {
  /** The value parsed when `file` had this stamp, if that is what the cache holds. */
  get(file: string, stamp: string): unknown;
  /** Records a parse (written in batches; see `flush`). */
  put(file: string, stamp: string, value: unknown): void;
  /** Writes what was recorded since the last flush, in one transaction. */
  flush(): void;
}

/** Bump when what is stored changes shape: an older cache file is then dropped and rebuilt. */
const cacheFormat = 1;

function open(file: string): Database {
  const db = openDatabase(file);
  db.exec('CREATE TABLE IF NOT EXISTS format (version INTEGER NOT NULL)');
  const row = db.prepare('SELECT version FROM format').get() as { version: number } | undefined;
  if (row && row.version !== cacheFormat) throw new Error(`content cache format ${row.version}, expected ${cacheFormat}`);
  if (!row) db.prepare('INSERT INTO format (version) VALUES (?)').run(cacheFormat);
  // file: path relative to PORTFOLIOS_DIR; stamp: size and times; value_json: the parsed value.
  db.exec('CREATE TABLE IF NOT EXISTS parsed (file TEXT PRIMARY KEY, stamp TEXT NOT NULL, value_json TEXT NOT NULL) WITHOUT ROWID');
  return db;
}

/** Opens (or rebuilds, when unreadable or of another format) the cache under `dataDir`. */
export function openParseCache(dataDir: string): ParseCache {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'content-cache.db');
  let db: Database;
  try {
    db = open(file);
  } catch {
    // Derived data: whatever is wrong with it, start again empty.
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    db = open(file);
  }
  const select = db.prepare('SELECT value_json FROM parsed WHERE file = ? AND stamp = ?');
  const upsert = db.prepare('INSERT INTO parsed (file, stamp, value_json) VALUES (?, ?, ?) ON CONFLICT (file) DO UPDATE SET stamp = excluded.stamp, value_json = excluded.value_json');
  let pending: Array<[string, string, string]> = [];
  return {
    get(key, stamp) {
      const row = select.get(key, stamp) as { value_json: string } | undefined;
      return row ? JSON.parse(row.value_json) : undefined;
    },
    put(key, stamp, value) {
      pending.push([key, stamp, JSON.stringify(value)]);
      if (pending.length >= 1000) this.flush();
    },
    flush() {
      if (pending.length === 0) return;
      const rows = pending;
      pending = [];
      try {
        db.exec('BEGIN IMMEDIATE');
        for (const row of rows) upsert.run(...row);
        db.exec('COMMIT');
      } catch {
        // Another instance holds the lock, or the disk is full: a cache may skip a write.
        if (db.isTransaction) db.exec('ROLLBACK');
      }
    },
  };
}
