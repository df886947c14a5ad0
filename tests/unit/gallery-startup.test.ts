import { describe, expect, it } from 'vitest';
import type { ContentRepository, ContentSnapshot } from '../../src/lib/content/index.ts';
import { startGallery } from '../../src/lib/gallery/startup.ts';
import type { VariantStore } from '../../src/lib/images/index.ts';
import { SearchUnavailableError, type SearchIndex } from '../../src/lib/search/types.ts';

const quietLog = { info() {}, warn() {}, error() {} };
const snapshot: ContentSnapshot = { practitioners: new Map(), cases: new Map(), problems: [], invalidFiles: 0 };

/** Lets every pending callback and a few event-loop turns run. */
const turns = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('gallery start-up', () => {
  it('starts the variant check and the copy index only once the requests that waited for content are answered', async () => {
    const started: string[] = [];
    const content = { snapshot: async () => snapshot } as unknown as ContentRepository;
    const store = { ensure: async () => (started.push('variants'), { made: 0, cached: 0, failed: [] }) } as unknown as VariantStore;
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const state = startGallery({
      content, store, log: quietLog,
      syncCopies: async () => (started.push('copies'), { added: 0, hashed: 0 }),
      requestsAnswered: () => answered,
    });
    await turns();
    expect(started).toEqual([]);
    expect(state.variants.state).toBe('running');
    answer();
    await turns();
    expect(started.sort()).toEqual(['copies', 'variants']);
    expect(state.variants.state).toBe('done');
  });

  it('checks variants after the first search build answered, ready or failed, not during it or after its retries', async () => {
    const content = { snapshot: async () => snapshot } as unknown as ContentRepository;
    for (const outcome of ['ready', 'failed'] as const) {
      const started: string[] = [];
      const store = { ensure: async () => (started.push('variants'), { made: 0, cached: 0, failed: [] }), load: async () => {}, peek: () => undefined } as unknown as VariantStore;
      let finish!: () => void;
      const building = new Promise<void>((resolve) => (finish = resolve));
      const search = {
        engine: 'test',
        async init() {
          started.push('search');
          await building;
          // Unreachable: the start retries it in 5 s, 15 s…, and the check must not wait for those.
          if (outcome === 'failed') throw new SearchUnavailableError('test engine is down');
        },
        replaceAll: async () => {},
      } as unknown as SearchIndex;
      const state = startGallery({ content, store, log: quietLog, search });
      await turns();
      expect(started, outcome).toEqual(['search']);
      finish();
      await turns();
      expect(state.search.state, outcome).toBe(outcome);
      expect(started, outcome).toEqual(['search', 'variants']);
      expect(state.variants.state, outcome).toBe('done');
    }
  });
});
