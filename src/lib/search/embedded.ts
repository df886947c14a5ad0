import { CaseColumns } from './columns.ts';
import { countFacets } from './facets.ts';
import { compileFilter } from './filters.ts';
import { haversineKm, roundKm } from './geo.ts';
import { resolveQuery } from './query.ts';
import { comparatorFor } from './sorting.ts';
import { TextIndex } from './text-index.ts';
import { queryWords } from './text-terms.ts';
import { topK } from './top-k.ts';
import type { CaseDocument, ReplaceAllOptions, SearchHit, SearchIndex, SearchQuery, SearchResult } from './types.ts';

// Documents indexed between two yields to the event loop during replaceAll (~10 ms of work).
const chunk = 2000;

/** One complete generation of the index; `replaceAll` builds a new one and swaps it in. */
interface Generation {
  columns: CaseColumns;
  text: TextIndex;
  fingerprint?: string;
}

// The stored copy is ours: a caller changing its object later must not change what removal
// un-indexes (the terms are re-derived from the stored document).
const own = (doc: CaseDocument): CaseDocument => ({ ...doc, _geo: { lat: doc._geo.lat, lng: doc._geo.lng } });

/** Rejects what Meilisearch would reject, so both engines fail on the same documents. */
function checkDocument(doc: CaseDocument): void {
  if (typeof doc.id !== 'string' || !/^[A-Za-z0-9_-]{1,511}$/.test(doc.id)) {
    throw new TypeError(`search document id ${JSON.stringify(doc.id)} must be 1–511 of A–Z a–z 0–9 - _ (a case folder name)`);
  }
  const { lat, lng } = doc._geo ?? {};
  if (!(Math.abs(lat) <= 90) || !(Math.abs(lng) <= 180)) throw new TypeError(`search document ${doc.id}: _geo must hold lat within ±90 and lng within ±180`);
}

/**
 * The embedded engine: in process, in memory, no server. An inverted index for the text (with
 * Meilisearch's typo rules), typed-array columns for filters, facets, geo and sorting. Writes are
 * applied one at a time in call order; searches always see a complete generation.
 */
export function createEmbeddedSearchIndex(): SearchIndex {
  let current: Generation = { columns: new CaseColumns(), text: new TextIndex() };
  // Serializes writes, so an upsert made while replaceAll builds is applied after it, not lost.
  let writes: Promise<unknown> = Promise.resolve();
  const serialize = <T>(write: () => T | Promise<T>): Promise<T> => {
    const run = writes.then(write);
    writes = run.catch(() => undefined);
    return run;
  };

  const upsertInto = ({ columns, text }: Generation, doc: CaseDocument): void => {
    const { slot, previous } = columns.put(doc);
    if (previous) text.remove(slot, previous);
    text.add(slot, doc);
  };

  async function search(query: SearchQuery): Promise<SearchResult> {
    const resolved = resolveQuery(query);
    const { columns, text } = current;
    const filter = compileFilter(columns, resolved, resolved.sort === 'distance');
    let matched: Int32Array;
    let count = 0;
    let scores: Float64Array | undefined;
    const words = queryWords(resolved.q);
    if (words.length > 0) {
      ({ slots: matched, count, scores } = text.search(words, columns.slots, filter.test));
    } else {
      // No word at all (empty, or only punctuation): browse, as Meilisearch's placeholder search.
      matched = new Int32Array(columns.slots);
      for (let slot = 0; slot < columns.slots; slot++) if (filter.test(slot)) matched[count++] = slot;
    }
    const start = (resolved.page - 1) * resolved.perPage;
    const page = topK(matched, count, start + resolved.perPage, comparatorFor(resolved.sort, columns, scores, filter.distances)).slice(start);
    const near = resolved.near;
    const hits = page.map((slot): SearchHit => {
      const doc = own(columns.docs[slot]!);
      if (!near) return doc;
      const km = filter.distances?.[slot] || haversineKm(near.lat, near.lng, doc._geo.lat, doc._geo.lng);
      return { ...doc, distanceKm: roundKm(km) };
    });
    return { hits, total: count, page: resolved.page, perPage: resolved.perPage, facets: countFacets(columns, matched, count, resolved.facets) };
  }

  return {
    engine: 'embedded',
    init: async () => undefined,
    upsert: (docs) =>
      serialize(() => {
        docs.forEach(checkDocument);
        for (const doc of docs) upsertInto(current, own(doc));
      }),
    remove: (ids) =>
      serialize(() => {
        for (const id of ids) {
          const gone = current.columns.delete(id);
          if (gone) current.text.remove(gone.slot, gone.doc);
        }
      }),
    replaceAll: (docs: CaseDocument[], options: ReplaceAllOptions = {}) =>
      serialize(async () => {
        docs.forEach(checkDocument);
        const next: Generation = { columns: new CaseColumns(), text: new TextIndex(), fingerprint: options.fingerprint };
        // The same id twice keeps the last, as an upsert of both would.
        const unique = [...new Map(docs.map((doc) => [doc.id, own(doc)])).values()];
        for (let start = 0; start < unique.length; start += chunk) {
          for (const doc of unique.slice(start, start + chunk)) next.text.add(next.columns.put(doc).slot, doc);
          options.onProgress?.(Math.min(unique.length, start + chunk), unique.length);
          // Yields between chunks, so a server keeps answering (from the old generation) meanwhile.
          await new Promise((resolve) => setImmediate(resolve));
        }
        next.text.compact();
        current = next;
      }),
    indexedFingerprint: async () => current.fingerprint,
    search,
    health: async () => ({ ok: true, documents: current.columns.size }),
  };
}
