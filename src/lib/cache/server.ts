import { randomUUID } from 'node:crypto';
import { config } from '../config/index.ts';
import { content } from '../content/server.ts';
import { serverDatabase } from '../db/server.ts';
import { indexPractitionerCases, indexPublishedCase } from '../search/server.ts';
import { createInvalidationFeed, type InvalidationFeed } from './invalidation-feed.ts';
import { routeCacheLink } from './route-cache-link.ts';
import { changeOfTags } from './tags.ts';
import { createSharedCachePurge } from './varnish-purge.ts';

/** How often an instance looks for other instances' invalidations and due purges: one indexed query. */
const pollMs = 1_000;

let feed: InvalidationFeed | undefined;

/**
 * Another instance changed content: this one re-reads what its tags name (a case folder, a
 * practitioner profile) and updates its search document, before dropping the pages.
 */
async function catchUp(tags: string[]): Promise<void> {
  const change = changeOfTags(tags);
  if (!change) return;
  if (change.caseId) {
    await content.refreshCase(change.practitionerSlug, change.caseId);
    await indexPublishedCase(change.caseId);
  } else {
    await content.refreshPractitioner(change.practitionerSlug);
    await indexPractitionerCases(change.practitionerSlug);
  }
}

/** The server's invalidation feed, created at first use; throws when the database cannot be opened. */
export function cacheInvalidations(): InvalidationFeed {
  if (!feed) {
    const created = createInvalidationFeed({
      db: serverDatabase(),
      // Only this instance's memory: the link's own invalidate() would come back to this feed.
      local: { invalidate: (options) => routeCacheLink.invalidateLocal(options) },
      purge: createSharedCachePurge(config.cachePurgeUrl),
      onRemoteTags: catchUp,
      origin: randomUUID(),
      log: console,
    });
    feed = created;
    routeCacheLink.attachRecorder((tags) => created.invalidate(tags));
  }
  return feed;
}

/**
 * Polls other instances' invalidations and due purges from now on. Never throws: while the
 * database cannot be opened (the galleries are still served), invalidations stay on this
 * instance and the poll tries again; the failure is logged once.
 */
export function startCacheInvalidations(): void {
  let polling = false;
  let reported = false;
  const tick = () => {
    if (polling) return;
    polling = true;
    Promise.resolve()
      .then(() => cacheInvalidations().poll())
      .then(() => (reported = false))
      .catch((error) => {
        if (!reported) console.error(`[cache] invalidations from other instances unavailable (retrying every ${pollMs / 1000} s): ${(error as Error).message}`);
        reported = true;
      })
      .finally(() => (polling = false));
  };
  tick();
  setInterval(tick, pollMs).unref();
}
