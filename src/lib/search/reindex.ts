import type { ContentRepository } from '../content/repository.ts';
import type { ContentSnapshot } from '../content/types.ts';
import type { VariantStore } from '../images/types.ts';
import { buildCaseDocument, buildCaseDocuments, byDocumentId, thumbnailUrl, type ThumbnailFor } from './document.ts';
import { documentsFingerprint } from './fingerprint.ts';
import type { CaseDocument, SearchIndex } from './types.ts';

/** The part of the variant store search needs: manifests, to name thumbnails. */
export type ThumbnailSource = Pick<VariantStore, 'get' | 'peek' | 'load'>;

/** What indexing the published content did. */
export interface IndexContentReport {
  /** Documents the content gives (= the index's size afterwards). */
  documents: number;
  /** False when the index already held exactly these documents (same fingerprint). */
  rebuilt: boolean;
  /** Documents without a thumbnail yet (their variants are still being made). */
  missingThumbnails: number;
  /** Wall time in ms. */
  ms: number;
}

/** Options of `indexContent`. */
export interface IndexContentOptions {
  /** Rebuild even when the fingerprint says the index is current (`npm run index`). */
  force?: boolean;
  /** Progress of the rebuild (documents indexed of total). */
  onProgress?: (done: number, total: number) => void;
}

/** Cases turned into documents between two yields to the event loop (~15 ms of work). */
const documentsPerSlice = 1_000;

/**
 * `buildCaseDocuments` a slice at a time: at 100k cases building takes over a second, and the
 * server is meanwhile answering the first gallery requests of its start.
 */
async function buildInSlices(snapshot: ContentSnapshot, thumbnailFor: ThumbnailFor): Promise<CaseDocument[]> {
  const cases = [...snapshot.cases.values()];
  const docs: CaseDocument[] = [];
  for (let at = 0; at < cases.length; at += documentsPerSlice) {
    await new Promise((resolve) => setImmediate(resolve));
    docs.push(...buildCaseDocuments(cases.slice(at, at + documentsPerSlice), snapshot.practitioners, thumbnailFor));
  }
  return docs.sort(byDocumentId);
}

/** Every document of a snapshot, with the thumbnail of every photo whose variants exist on disk. */
export async function documentsOf(snapshot: ContentSnapshot, store: ThumbnailSource): Promise<CaseDocument[]> {
  const missed = new Set<string>();
  const thumbnailFor = (sha: string) => {
    const variants = store.peek(sha);
    if (!variants) missed.add(sha);
    return variants && thumbnailUrl(variants);
  };
  const docs = await buildInSlices(snapshot, thumbnailFor);
  if (missed.size === 0) return docs;
  // Documents are built twice at most: once to learn which covers are needed, once with them.
  await store.load(missed);
  return buildInSlices(snapshot, (sha) => {
    const variants = store.peek(sha);
    return variants && thumbnailUrl(variants);
  });
}

/**
 * Indexes all published content: builds every document, and calls `replaceAll` unless the index
 * already holds exactly these documents (its stored fingerprint matches). The embedded engine
 * starts empty, so it is always built; Meilisearch only when missing or stale.
 */
export async function indexContent(
  index: SearchIndex,
  content: ContentRepository,
  store: ThumbnailSource,
  options: IndexContentOptions = {},
): Promise<IndexContentReport> {
  const started = performance.now();
  const docs = await documentsOf(await content.snapshot(), store);
  const fingerprint = documentsFingerprint(docs);
  const current = options.force ? undefined : await index.indexedFingerprint?.();
  const rebuilt = current !== fingerprint;
  if (rebuilt) await index.replaceAll(docs, { fingerprint, onProgress: options.onProgress });
  const missingThumbnails = docs.filter((doc) => !doc.thumbnail).length;
  return { documents: docs.length, rebuilt, missingThumbnails, ms: Math.round(performance.now() - started) };
}

/**
 * Brings one case's document up to date after it was published, changed or withdrawn (call it
 * after `content.refreshCase`). Resolves once the change is searchable.
 */
export async function indexCase(index: SearchIndex, content: ContentRepository, store: ThumbnailSource, id: string): Promise<'indexed' | 'removed'> {
  const kase = await content.case(id);
  const practitioner = kase && (await content.practitioner(kase.practitionerSlug));
  if (!kase || !practitioner) {
    await index.remove([id]);
    return 'removed';
  }
  await store.load(kase.photos.map((photo) => photo.sha256));
  const doc = buildCaseDocument(kase, practitioner, (sha) => {
    const variants = store.peek(sha);
    return variants && thumbnailUrl(variants);
  });
  await index.upsert([doc]);
  return 'indexed';
}
