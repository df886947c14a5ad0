import {
  Meilisearch, MeilisearchApiError, MeilisearchRequestError, MeilisearchRequestTimeOutError,
  type EnqueuedTaskPromise, type IndexSwap,
} from 'meilisearch';
import { fromMeilisearchResponse, meilisearchSettings, toMeilisearchParams } from './meilisearch-request.ts';
import { resolveQuery } from './query.ts';
import { SearchUnavailableError, type CaseDocument, type ReplaceAllOptions, type SearchIndex } from './types.ts';

/** Where the index lives. */
export interface MeilisearchOptions {
  /** Server URL, e.g. http://127.0.0.1:7700. */
  url: string;
  /** API key; empty for a server without a master key. */
  key: string;
  /** Index uid, e.g. `cases`. */
  index: string;
  /** Per-request timeout in ms (default 10 s): a hung server must not hang a page. */
  timeoutMs?: number;
}

// Tasks run in Meilisearch's queue; a 100k-document rebuild may take minutes, a single upsert not.
const quickTask = 60_000;
const bulkTask = 15 * 60_000;
const batchSize = 5000;
const metaDocumentId = 'search-index';

/**
 * The production engine: the official client, one index of case documents. Writes wait for their
 * task, so each resolves once the change is searchable; a full rebuild fills a temporary index
 * and swaps it in atomically, so searches never see a half-built index.
 */
export function createMeilisearchIndex(options: MeilisearchOptions): SearchIndex {
  const client = new Meilisearch({ host: options.url, apiKey: options.key || undefined, timeout: options.timeoutMs ?? 10_000 });
  const uid = options.index;
  // The fingerprint of the last rebuild lives next to the index, so every server instance sharing
  // this Meilisearch agrees on whether the index is current.
  const metaUid = `${uid}_meta`;
  const rebuildUid = `${uid}_rebuild`;

  const fail = (doing: string, error: unknown): never => {
    if (error instanceof SearchUnavailableError) throw error;
    if (error instanceof MeilisearchRequestError || error instanceof MeilisearchRequestTimeOutError) {
      throw new SearchUnavailableError(`Meilisearch at ${options.url} did not answer while ${doing}`, { cause: error });
    }
    throw new Error(`Meilisearch failed while ${doing}: ${(error as Error).message}`, { cause: error });
  };
  const notFound = (error: unknown) => error instanceof MeilisearchApiError && error.response.status === 404;

  /** Waits for a task; a failed task throws unless its error code is one the caller expects. */
  async function run(doing: string, enqueued: EnqueuedTaskPromise, timeout = quickTask, tolerate: string[] = []): Promise<void> {
    try {
      const task = await enqueued.waitTask({ timeout });
      if (task.status === 'succeeded' || tolerate.includes(task.error?.code ?? '')) return;
      throw new Error(`task ${task.uid} (${task.type}) ${task.status}: ${task.error?.message ?? 'no reason given'}`);
    } catch (error) {
      // Some servers refuse at once (404) what others enqueue and fail: the same expected outcome.
      if (error instanceof MeilisearchApiError && tolerate.includes(error.cause?.code ?? '')) return;
      fail(doing, error);
    }
  }

  const createIndex = (name: string) => run(`creating index ${name}`, client.createIndex(name, { primaryKey: 'id' }), quickTask, ['index_already_exists']);
  const applySettings = (name: string) => run(`applying settings to ${name}`, client.index(name).updateSettings(meilisearchSettings), bulkTask);
  const deleteIndex = (name: string) => run(`deleting index ${name}`, client.deleteIndex(name), quickTask, ['index_not_found']);

  // One write at a time: an upsert must not land in the old index while a rebuild is swapping.
  let writes: Promise<unknown> = Promise.resolve();
  const serialize = <T>(write: () => Promise<T>): Promise<T> => {
    const next = writes.then(write);
    writes = next.catch(() => undefined);
    return next;
  };

  async function replaceAll(docs: CaseDocument[], { fingerprint, onProgress }: ReplaceAllOptions = {}): Promise<void> {
    await deleteIndex(rebuildUid); // a leftover of an interrupted rebuild
    await createIndex(rebuildUid);
    await applySettings(rebuildUid);
    for (let start = 0; start < docs.length; start += batchSize) {
      const batch = docs.slice(start, start + batchSize);
      await run(`adding documents to ${rebuildUid}`, client.index<CaseDocument>(rebuildUid).addDocuments(batch, { primaryKey: 'id' }), bulkTask);
      onProgress?.(start + batch.length, docs.length);
    }
    await createIndex(uid); // a swap needs both indexes to exist
    // `rename` is left out: false is the server's default, and servers before 1.18 refuse the field.
    await run('swapping in the rebuilt index', client.swapIndexes([{ indexes: [uid, rebuildUid] } as IndexSwap]));
    await deleteIndex(rebuildUid); // it now holds the previous documents
    const meta = { id: metaDocumentId, fingerprint: fingerprint ?? '', documents: docs.length, builtAt: new Date().toISOString() };
    await run('recording the index fingerprint', client.index(metaUid).addDocuments([meta], { primaryKey: 'id' }));
  }

  return {
    engine: 'meilisearch',
    async init() {
      await createIndex(uid);
      await applySettings(uid);
    },
    upsert: (docs) => serialize(() => run(`indexing ${docs.length} documents`, client.index<CaseDocument>(uid).addDocuments(docs, { primaryKey: 'id' }))),
    remove: (ids) => serialize(() => run(`removing ${ids.length} documents`, client.index(uid).deleteDocuments(ids))),
    replaceAll: (docs, options) => serialize(() => replaceAll(docs, options)),
    async indexedFingerprint() {
      try {
        const meta = await client.index(metaUid).getDocument(metaDocumentId);
        const stats = await client.index(uid).getStats();
        // Any upsert or removal since the rebuild changes the count: then the index is not what
        // the fingerprint describes, and the next start rebuilds it to be sure.
        return stats.numberOfDocuments === meta.documents && meta.fingerprint ? String(meta.fingerprint) : undefined;
      } catch (error) {
        if (notFound(error)) return undefined;
        return fail('reading the index fingerprint', error);
      }
    },
    async search(query) {
      const resolved = resolveQuery(query);
      try {
        const response = await client.index<CaseDocument>(uid).search(resolved.q, toMeilisearchParams(resolved));
        return fromMeilisearchResponse(resolved, response);
      } catch (error) {
        return fail('searching', error);
      }
    },
    async health() {
      try {
        const stats = await client.index(uid).getStats();
        return { ok: true, documents: stats.numberOfDocuments };
      } catch (error) {
        if (notFound(error)) return { ok: true, documents: 0, message: `index "${uid}" does not exist yet (built at start, or run \`npm run index\`)` };
        return { ok: false, message: (error as Error).message };
      }
    },
  };
}
