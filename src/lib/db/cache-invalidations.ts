import type { Database } from './types.ts';

/** One recorded invalidation of cache tags. */
export interface CacheInvalidation {
  id: number;
  tags: string[];
  /** The instance that wrote it. */
  origin: string;
  /** ISO 8601 UTC; null while the shared cache has not confirmed the purge. */
  purgedAt: string | null;
  attempts: number;
}

interface Row { id: number; tags_json: string; origin: string; purged_at: string | null; attempts: number }

const columns = 'id, tags_json, origin, purged_at, attempts';
const toInvalidation = (row: Row): CacheInvalidation => ({ id: row.id, tags: JSON.parse(row.tags_json), origin: row.origin, purgedAt: row.purged_at, attempts: row.attempts });

/** Records an invalidation, due for the shared cache at once; returns its id. */
export function insertCacheInvalidation(db: Database, tags: readonly string[], origin: string, now = new Date()): number {
  const at = now.toISOString();
  const row = db.prepare('INSERT INTO cache_invalidations (tags_json, origin, created_at, next_attempt_at) VALUES (?, ?, ?, ?) RETURNING id').get(JSON.stringify(tags), origin, at, at) as { id: number };
  return row.id;
}

/** The newest id (0 when there is none): an instance starts reading after it. */
export function latestCacheInvalidationId(db: Database): number {
  return (db.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM cache_invalidations').get() as { id: number }).id;
}

/** Invalidations newer than `afterId` written by other instances, oldest first. */
export function listCacheInvalidationsAfter(db: Database, afterId: number, exceptOrigin: string, limit = 500): CacheInvalidation[] {
  const rows = db.prepare(`SELECT ${columns} FROM cache_invalidations WHERE id > ? AND origin != ? ORDER BY id LIMIT ?`).all(afterId, exceptOrigin, limit) as unknown as Row[];
  return rows.map(toInvalidation);
}

/** Invalidations whose shared-cache purge is due, oldest first. */
export function listDuePurges(db: Database, now = new Date(), limit = 50): CacheInvalidation[] {
  const rows = db.prepare(`SELECT ${columns} FROM cache_invalidations WHERE purged_at IS NULL AND next_attempt_at <= ? ORDER BY id LIMIT ?`).all(now.toISOString(), limit) as unknown as Row[];
  return rows.map(toInvalidation);
}

/** One invalidation by id. */
export function findCacheInvalidation(db: Database, id: number): CacheInvalidation | undefined {
  const row = db.prepare(`SELECT ${columns} FROM cache_invalidations WHERE id = ?`).get(id) as Row | undefined;
  return row && toInvalidation(row);
}

/** The shared cache confirmed the purge. */
export function markPurged(db: Database, id: number, now = new Date()): void {
  db.prepare('UPDATE cache_invalidations SET purged_at = ?, next_attempt_at = NULL WHERE id = ?').run(now.toISOString(), id);
}

/** A purge attempt failed: counted, with why and when to try again. */
export function recordPurgeFailure(db: Database, id: number, error: string, retryAt: Date): void {
  db.prepare('UPDATE cache_invalidations SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?').run(error, retryAt.toISOString(), id);
}

/** How many purges are still due (for /api/health). */
export function countDuePurges(db: Database): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM cache_invalidations WHERE purged_at IS NULL').get() as { n: number }).n;
}
