import type { Migration } from '../types.ts';

/**
 * Cache invalidations, shared by every server instance through the database: each instance polls
 * for rows other instances wrote and drops those tags from its own route cache, and the shared
 * HTTP cache in front (Varnish) is purged from the same rows until it confirms, so a failed purge
 * is retried, never lost.
 */
export const cacheInvalidationsMigration: Migration = {
  id: 8,
  name: 'cache-invalidations',
  up(db) {
    db.exec(`
      CREATE TABLE cache_invalidations (
        -- Increasing: an instance remembers the last id it applied and reads only newer rows.
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        -- JSON array of cache tags (case:<id>, practitioner:<slug>, listing, photo:<sha256>).
        tags_json TEXT NOT NULL,
        -- The instance that wrote it (it applied the tags itself already).
        origin TEXT NOT NULL,
        -- ISO 8601 UTC.
        created_at TEXT NOT NULL,
        -- When the shared cache confirmed the purge; NULL while it is due (or no shared cache is set).
        purged_at TEXT,
        -- Failed purge attempts so far, the last error, and when to try again (ISO 8601 UTC).
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        next_attempt_at TEXT
      );
      CREATE INDEX cache_invalidations_due ON cache_invalidations(next_attempt_at) WHERE purged_at IS NULL;
    `);
  },
};
