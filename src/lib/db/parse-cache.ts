import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from './database.ts';
import type { Database } from './types.ts';

/**
 * A derived cache of parsed content files, `<DATA_DIR>/content-cache.db`: each case folder's parsed
 * case.yaml (and its file names) as JSON text, under a stamp of its size and modification times.
 * A start reads an unchanged folder from here instead of parsing it; a stale or missing entry is
 * simply parsed again. Safe to delete at any time; never a source of truth. Each thread that reads
 * content opens its own (WAL: they read while one writes).
 */
export interface ParseCache {
  /** The JSON text recorded when `file` had this stamp, if that is what the cache holds. */
  get(file: string, stamp: string): string | undefined;
  /**
   * Records a parse as JSON text. It is held, not written: a start-up read that parses everything
   * (a first start) would otherwise spend ~1.5 s of its 2 cores on SQLite while the galleries
   * wait; held rows are written by `flush` or `close`, after the read, or once `holdLimit` wait.
   */
  put(file: string, stamp: string, json: string): void;
  /** Writes what was recorded since the last flush, 5,000 rows per transaction. */
  flush(): void;
  /** Writes what is left and closes the connection. */
  close(): void;
}

/** Bump when what is stored changes shape: an older cache file is then dropped and rebuilt. */
const cacheFormat = 2;

function open(file: string): Database {
  const db = openDatabase(file);
  db.exec('CREATE TABLE IF NOT EXISTS format (version INTEGER NOT NULL)');
  const row = db.prepare('SELECT version FROM format').get() as { version: number } | undefined;
  if (row && row.version !== cacheFormat) throw new Error(`content cache format ${row.version}, expected ${cacheFormat}`);
  if (!row) db.prepare('INSERT INTO format (version) VALUES (?)').run(cacheFormat);
  // file: path relative to PORTFOLIOS_DIR; stamp: size and times; value_json: the parsed value.
  // A rowid table, not WITHOUT ROWID: with ~1.5 KB values that layout made 100k writes take 4.5 s
  // instead of 1.1 s and 100k reads 1.4 s instead of 0.35 s (format 1 was one).
  db.exec('CREATE TABLE IF NOT EXISTS parsed (file TEXT PRIMARY KEY, stamp TEXT NOT NULL, value_json TEXT NOT NULL)');
  return db;
}

/**
 * Rows held before they are written anyway: ~2 KB each, so at most ~120 MB per connection (a
 * reader of a 100k-case first start holds its ~50k rows until the read is done).
 */
const holdLimit = 60_000;
/** Rows per transaction: another connection (the other reader) gets the lock between two. */
const rowsPerTransaction = 5_000;

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
  const write = (rows: Array<[string, string, string]>) => {
    try {
      db.exec('BEGIN IMMEDIATE');
      for (const row of rows) upsert.run(...row);
      db.exec('COMMIT');
    } catch {
      // Another connection held the lock too long, or the disk is full: a cache may skip a write.
      if (db.isTransaction) db.exec('ROLLBACK');
    }
  };
  const flush = () => {
    const rows = pending;
    pending = [];
    for (let at = 0; at < rows.length; at += rowsPerTransaction) write(rows.slice(at, at + rowsPerTransaction));
  };
  // Nothing recorded yet (a first start): no entry to look up for any file.
  const empty = db.prepare('SELECT 1 FROM parsed LIMIT 1').get() === undefined;
  return {
    get: (key, stamp) => (empty ? undefined : (select.get(key, stamp) as { value_json: string } | undefined)?.value_json),
    put(key, stamp, json) {
      pending.push([key, stamp, json]);
      if (pending.length >= holdLimit) flush();
    },
    flush,
    close() {
      flush();
      db.close();
    },
  };
}
