import {
  findCacheInvalidation, insertCacheInvalidation, latestCacheInvalidationId, listCacheInvalidationsAfter, listDuePurges, markPurged, recordPurgeFailure,
} from '../db/cache-invalidations.ts';
import type { Database } from '../db/types.ts';
import type { SharedCachePurge } from './types.ts';

/** What an invalidation did for the shared cache. */
export type PurgeOutcome = 'purged' | 'retrying' | 'no-shared-cache';

/** The effects a feed works through (tests pass their own). */
export interface InvalidationFeedDeps {
  db: Database;
  /** This instance's route cache. */
  local: { invalidate(options: { tags: string[] }): Promise<void> };
  purge: SharedCachePurge;
  /** Brings this instance's content up to date before another instance's tags are dropped. */
  onRemoteTags?: (tags: string[]) => Promise<void>;
  /** Identifies this instance's rows. */
  origin: string;
  now?: () => Date;
  log?: Pick<Console, 'warn' | 'error'>;
}

/** Retry delays after failed purges; the last repeats until the shared cache answers. */
const retryDelaysMs = [1_000, 5_000, 15_000, 60_000, 300_000];

/**
 * Cache invalidation across instances and the shared HTTP cache, through the database: an
 * invalidation is recorded first (so it cannot be lost), applied to this instance's route cache,
 * then purged from the shared cache; other instances apply it when they next poll, and a purge
 * that failed is retried by any instance's poll until the shared cache confirms it.
 */
export function createInvalidationFeed(deps: InvalidationFeedDeps) {
  const now = () => deps.now?.() ?? new Date();
  // Rows from before this start need nothing: the route cache starts empty.
  let lastSeen = latestCacheInvalidationId(deps.db);

  async function purgeRow(id: number, tags: string[], attempts: number): Promise<PurgeOutcome> {
    if (deps.purge.name === 'none') {
      markPurged(deps.db, id, now());
      return 'no-shared-cache';
    }
    try {
      await deps.purge.purge(tags);
      markPurged(deps.db, id, now());
      return 'purged';
    } catch (error) {
      const delay = retryDelaysMs[Math.min(attempts, retryDelaysMs.length - 1)]!;
      recordPurgeFailure(deps.db, id, (error as Error).message, new Date(now().getTime() + delay));
      deps.log?.warn(`[cache] ${(error as Error).message}; retrying in ${delay / 1000} s`);
      return 'retrying';
    }
  }

  return {
    /** Records, applies locally and purges the shared cache; resolves with the purge's outcome. */
    async invalidate(tags: readonly string[]): Promise<PurgeOutcome> {
      const unique = [...new Set(tags)];
      const id = insertCacheInvalidation(deps.db, unique, deps.origin, now());
      await deps.local.invalidate({ tags: unique });
      return purgeRow(id, unique, 0);
    },

    /** Applies other instances' invalidations and retries due purges; returns how many of each. */
    async poll(): Promise<{ applied: number; purged: number }> {
      let applied = 0;
      for (const row of listCacheInvalidationsAfter(deps.db, lastSeen, deps.origin)) {
        await deps.onRemoteTags?.(row.tags);
        await deps.local.invalidate({ tags: row.tags });
        lastSeen = row.id;
        applied++;
      }
      let purged = 0;
      for (const row of listDuePurges(deps.db, now())) {
        // Another instance may have confirmed it meanwhile: read it again before purging.
        const current = findCacheInvalidation(deps.db, row.id);
        if (current && current.purgedAt === null && (await purgeRow(row.id, row.tags, row.attempts)) === 'purged') purged++;
      }
      return { applied, purged };
    },
  };
}

export type InvalidationFeed = ReturnType<typeof createInvalidationFeed>;
