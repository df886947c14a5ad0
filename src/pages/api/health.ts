import { accountsState } from '../../lib/accounts/server.ts';
import { content } from '../../lib/content/server.ts';
import { startup } from '../../lib/gallery/server.ts';
import { apiRoute, json } from '../../lib/http/index.ts';
import { searchIndex } from '../../lib/search/server.ts';

/** A health probe must answer even when Meilisearch hangs: it gets this long, then counts as down. */
const searchProbeMs = 2_000;

/**
 * The search dependency: engine, start-up state (`building`, `ready`, `failed`), whether it
 * answers, how many cases it holds. `ok` only once the start-up build finished and the engine
 * answers. Never throws.
 */
async function searchHealth(): Promise<{ engine: string; state: string; ok: boolean; documents: number; message?: string }> {
  const { engine } = searchIndex;
  const { state } = startup.search;
  let probe: { ok: boolean; documents?: number; message?: string };
  let timer: NodeJS.Timeout | undefined;
  try {
    probe = await Promise.race([
      searchIndex.health(),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${searchProbeMs} ms`)), searchProbeMs))),
    ]);
  } catch (error) {
    probe = { ok: false, message: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
  const ok = probe.ok && state === 'ready';
  const message = probe.message ?? startup.search.message ?? (state === 'building' ? 'the index is being built' : undefined);
  return { engine, state, ok, documents: probe.documents ?? 0, ...(!ok && message ? { message } : {}) };
}

/**
 * Liveness and each dependency: content counts and files left out, image variants, search,
 * accounts. Search or accounts down is `degraded` with 200, not an error: the galleries are
 * still served.
 */
export const { GET, ALL } = apiRoute({
  GET: async (context) => {
    context.cache.set(false);
    const [snap, search, accounts] = await Promise.all([content.snapshot(), searchHealth(), accountsState()]);
    return json({
      status: search.ok && accounts.ok ? 'ok' : 'degraded',
      content: { practitioners: snap.practitioners.size, cases: snap.cases.size, invalid: snap.invalidFiles },
      variants: startup.variants,
      search,
      accounts: accounts.ok ? { ok: true } : { ok: false, code: accounts.code },
    });
  },
});
