import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { openDatabase } from './database.ts';
import type { Database } from './types.ts';

/**
 * A derived cache of parsed content files, `<DATA_DIR>/content-cache.db`: each case folder's parsed
 * case.yaml (and its file names) as JSON text, under a stamp of its size and modification times.
 * A start reads an unchanged folder from here instead of parsing it; a stale or missing entry is
 * simply parsed again. Safe to delete at any time; never a source of truth.
 */
export interface ParseCache {
  /** The stamp recorded for every file, read at once (the workers compare it with the disk). */
  stamps(): Map<string, string>;
  /** The JSON text recorded when `file` had this stamp, if that is what the cache holds. */
  get(file: string, stamp: string): string | undefined;
  /** Records a parse as JSON text (written in batches, on the cache's own thread; see `flush`). */
  put(file: string, stamp: string, json: string): void;
  /** Writes what was recorded since the last flush, in one transaction; resolves once it is written (or skipped). */
  flush(): Promise<void>;
  /** Ends the writing thread after the writes asked for so far. */
  close(): Promise<void>;
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
  const allStamps = db.prepare('SELECT file, stamp FROM parsed');
  const writer = startWriter(file);
  let pending: Row[] = [];
  const flush = () => {
    const rows = pending;
    pending = [];
    return writer.write(rows);
  };
  return {
    stamps() {
      const stamps = new Map<string, string>();
      for (const row of allStamps.iterate() as Iterable<{ file: string; stamp: string }>) stamps.set(row.file, row.stamp);
      return stamps;
    },
    get(key, stamp) {
      return (select.get(key, stamp) as { value_json: string } | undefined)?.value_json;
    },
    put(key, stamp, json) {
      pending.push([key, stamp, json]);
      if (pending.length >= 1000) void flush();
    },
    flush,
    async close() {
      await flush();
      await writer.close();
      db.close();
    },
  };
}

type Row = [file: string, stamp: string, json: string];

/**
 * The thread that writes the cache. A first start at 100k cases writes ~150 MB of JSON (~1.1 s of
 * SQLite work): on its own thread (its own connection; WAL lets this one read meanwhile) that work
 * is not in the way of the pages waiting for the content. Writes that fail (another instance holds
 * the lock, a full disk) are skipped: a cache may miss an entry.
 */
function startWriter(file: string) {
  // It holds one batch of rows at a time: a small heap.
  const worker = new Worker(writerSource, { eval: true, workerData: { file, upsert: upsertSql }, resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 64 } });
  worker.unref();
  const waiting = new Map<number, () => void>();
  let next = 0;
  let alive = true;
  const settleAll = () => {
    alive = false;
    waiting.forEach((resolve) => resolve());
    waiting.clear();
  };
  worker.on('message', (id: number) => {
    waiting.get(id)?.();
    waiting.delete(id);
  });
  // Attached at once: an error with no listener would end the process.
  worker.on('error', settleAll);
  worker.on('exit', settleAll);
  return {
    write(rows: Row[]): Promise<void> {
      if (!alive) return Promise.resolve();
      const id = next++;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        worker.postMessage({ id, rows });
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}

const upsertSql = 'INSERT INTO parsed (file, stamp, value_json) VALUES (?, ?, ?) ON CONFLICT (file) DO UPDATE SET stamp = excluded.stamp, value_json = excluded.value_json';

/** The writer's code, as plain JavaScript run with `eval: true` (the server is bundled: no file of ours to start it from). */
const writerSource = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(workerData.file, { timeout: 5000 });
db.exec('PRAGMA synchronous = NORMAL');
const upsert = db.prepare(workerData.upsert);
parentPort.on('message', ({ id, rows }) => {
  try {
    if (rows.length) {
      db.exec('BEGIN IMMEDIATE');
      for (const row of rows) upsert.run(...row);
      db.exec('COMMIT');
    }
  } catch {
    if (db.isTransaction) db.exec('ROLLBACK');
  }
  parentPort.postMessage(id);
});
`;
