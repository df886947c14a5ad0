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
  /** Nothing was recorded when it was opened (a first start): `get` finds nothing. */
  readonly empty: boolean;
  /** The JSON text recorded when `file` had this stamp, if that is what the cache holds. */
  get(file: string, stamp: string): string | undefined;
  /**
   * Records a parse as JSON text. It is held, not written: a start-up read that parses everything
   * (a first start) would otherwise spend ~1.5 s of its 2 cores on SQLite while the galleries
   * wait; held rows are written by `flush` or `close`, after the read, or once `holdLimit` wait.
   */
  put(file: string, stamp: string, json: string): void;
  /**
   * The rows held and not yet written (file, stamp, JSON text), in the order recorded, decoded as
   * they are reached; they stay held. A first start's readers hand on the cases they parsed from
   * here once the listing is answered (read-worker.ts).
   */
  held(): Iterable<[file: string, stamp: string, json: string]>;
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
 * Rows held before they are written anyway: ~2 KB each, off the heap (`heldRows`). A reader of
 * a first start holds its share of the cases until the read is done; the share is uneven (one
 * reader of a 100k-case start took ~60k), so the limit is above any share of 100k: together the
 * readers hold one row per case, ~200 MB at 100k.
 */
const holdLimit = 100_000;
/** Rows per transaction: another connection (the other reader) gets the lock between two. */
const rowsPerTransaction = 5_000;
/** Bytes per buffer of held rows. */
const chunkBytes = 4 * 1024 * 1024;

/** Rows of text kept as UTF-8 in buffers, outside the JS heap. */
export interface HeldRows {
  readonly count: number;
  add(row: readonly string[]): void;
  /** Hands over the rows held, in the order added, each decoded as it is reached; none are held after. */
  take(): Iterable<string[]>;
  /** The rows held, in the order added, each decoded as it is reached; they stay held. */
  rows(): Iterable<string[]>;
}

/**
 * Held rows as bytes in a few large buffers, not as strings: a reader of a 100k-case first start
 * held ~100 MB of row strings on its heap, which its garbage collector copied and marked again
 * and again while it read (~0.8 s of GC per reader; ~0.5 s with buffers, which it does not scan),
 * and the start's RSS peak was ~150 MB higher. Each field is its UTF-8 length (4 bytes), then its bytes.
 */
export function heldRows(width: number): HeldRows {
  let chunks: Array<{ bytes: Buffer; used: number }> = [];
  let count = 0;
  function* decode(from: Array<{ bytes: Buffer; used: number }>): Generator<string[]> {
    for (const { bytes, used } of from) {
      for (let at = 0; at < used; ) {
        const row: string[] = [];
        for (let i = 0; i < width; i++) {
          const length = bytes.readUInt32LE(at);
          row.push(bytes.toString('utf8', at + 4, at + 4 + length));
          at += 4 + length;
        }
        yield row;
      }
    }
  }
  return {
    get count() {
      return count;
    },
    add(row) {
      if (row.length !== width) throw new Error(`a held row has ${width} fields, not ${row.length}`);
      // At most 3 bytes per UTF-16 unit: a row that may not fit starts a new buffer.
      const bound = row.reduce((sum, field) => sum + 4 + field.length * 3, 0);
      let last = chunks.at(-1);
      if (!last || last.used + bound > last.bytes.length) chunks.push((last = { bytes: Buffer.allocUnsafe(Math.max(chunkBytes, bound)), used: 0 }));
      for (const field of row) {
        const written = last.bytes.write(field, last.used + 4, 'utf8');
        last.bytes.writeUInt32LE(written, last.used);
        last.used += 4 + written;
      }
      count++;
    },
    take() {
      const taken = chunks;
      chunks = [];
      count = 0;
      return decode(taken);
    },
    rows: () => decode(chunks),
  };
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
  const pending = heldRows(3);
  const write = (rows: string[][]) => {
    try {
      db.exec('BEGIN IMMEDIATE');
      for (const row of rows) upsert.run(...row);
      db.exec('COMMIT');
    } catch {
      // Another connection held the lock too long, or the disk is full: a cache may skip a write.
      if (db.isTransaction) db.exec('ROLLBACK');
    }
  };
  // Decoded a transaction at a time: only ~10 MB of the rows are strings at once.
  const flush = () => {
    let batch: string[][] = [];
    for (const row of pending.take()) {
      batch.push(row);
      if (batch.length === rowsPerTransaction) write(batch.splice(0));
    }
    if (batch.length) write(batch);
  };
  // Nothing recorded yet (a first start): no entry to look up for any file.
  const empty = db.prepare('SELECT 1 FROM parsed LIMIT 1').get() === undefined;
  return {
    empty,
    get: (key, stamp) => (empty ? undefined : (select.get(key, stamp) as { value_json: string } | undefined)?.value_json),
    put(key, stamp, json) {
      pending.add([key, stamp, json]);
      if (pending.count >= holdLimit) flush();
    },
    held: () => pending.rows() as Iterable<[string, string, string]>,
    flush,
    close() {
      flush();
      db.close();
    },
  };
}
