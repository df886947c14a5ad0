import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInvalidationFeed, noSharedCache, type SharedCachePurge } from '../../src/lib/cache/index.ts';
import { countDuePurges, createDatabase, type Database } from '../../src/lib/db/index.ts';

let dir: string;
let db: Database;
let clock: Date;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'healed-feed-'));
  db = createDatabase(dir);
  clock = new Date('2026-03-01T10:00:00Z');
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A shared cache that records purges and fails while `down` is true. */
function fakeSharedCache() {
  const purged: string[][] = [];
  const cache = { down: false, purged, purge: { name: 'varnish-xkey', async purge(tags) {
    if (cache.down) throw new Error('connection refused');
    purged.push([...tags]);
  } } satisfies SharedCachePurge };
  return cache;
}

/** One server instance: its route cache (the tags it dropped) and what it caught up on. */
function instance(origin: string, purge: SharedCachePurge) {
  const dropped: string[][] = [];
  const caughtUp: string[][] = [];
  const feed = createInvalidationFeed({
    db, origin, purge, now: () => clock, log: { warn() {}, error() {} },
    local: { invalidate: async ({ tags }) => void dropped.push(tags) },
    onRemoteTags: async (tags) => void caughtUp.push(tags),
  });
  return { feed, dropped, caughtUp };
}

describe('invalidation feed', () => {
  it('drops the tags here at once, on other instances at their next poll, and purges the shared cache', async () => {
    const varnish = fakeSharedCache();
    const a = instance('a', varnish.purge);
    const b = instance('b', varnish.purge);
    const tags = ['case:ana-1', 'practitioner:ana', 'listing'];
    expect(await a.feed.invalidate(tags)).toBe('purged');
    expect(a.dropped).toEqual([tags]);
    expect(varnish.purged).toEqual([tags]);
    expect(b.dropped).toEqual([]);
    expect(await b.feed.poll()).toEqual({ applied: 1, purged: 0 });
    expect(b.caughtUp).toEqual([tags]);
    expect(b.dropped).toEqual([tags]);
    // Applied once: the next poll finds nothing new, and A never re-applies its own rows.
    expect(await b.feed.poll()).toEqual({ applied: 0, purged: 0 });
    expect(await a.feed.poll()).toEqual({ applied: 0, purged: 0 });
    expect(a.dropped).toHaveLength(1);
  });

  it('keeps a failed purge and retries it until the shared cache answers', async () => {
    const varnish = fakeSharedCache();
    varnish.down = true;
    const a = instance('a', varnish.purge);
    const b = instance('b', varnish.purge);
    expect(await a.feed.invalidate(['case:gone', 'practitioner:ana', 'listing'])).toBe('retrying');
    expect(countDuePurges(db)).toBe(1);
    // Not due yet: nothing is sent.
    expect((await b.feed.poll()).purged).toBe(0);
    varnish.down = false;
    clock = new Date(clock.getTime() + 60_000);
    // Any instance retries it, once.
    expect((await b.feed.poll()).purged).toBe(1);
    expect((await a.feed.poll()).purged).toBe(0);
    expect(varnish.purged).toEqual([['case:gone', 'practitioner:ana', 'listing']]);
    expect(countDuePurges(db)).toBe(0);
  });

  it('records nothing as due when no shared cache is configured, and still reaches other instances', async () => {
    const a = instance('a', noSharedCache);
    const b = instance('b', noSharedCache);
    expect(await a.feed.invalidate(['practitioner:ana', 'listing'])).toBe('no-shared-cache');
    expect(countDuePurges(db)).toBe(0);
    expect((await b.feed.poll()).applied).toBe(1);
  });

  it('starts after the rows written before it: a new instance has an empty route cache', async () => {
    const a = instance('a', noSharedCache);
    await a.feed.invalidate(['listing']);
    const late = instance('late', noSharedCache);
    expect(await late.feed.poll()).toEqual({ applied: 0, purged: 0 });
  });
});
