import { yieldToEventLoop, type ContentRepository } from '../content/index.ts';
import type { VariantStore } from '../images/index.ts';
import { indexContent } from '../search/reindex.ts';
import { SearchUnavailableError, type SearchIndex } from '../search/types.ts';
import type { RecoveryReport } from '../publishing/recover.ts';

/** What the server knows about its own start, for /api/health. */
export interface StartupState {
  /** Variant preparation: running, done (with counts), or failed. */
  variants: { state: 'running' | 'done' | 'failed'; made: number; cached: number; failed: number };
  /**
   * The search index: `building` until the first build answers, then `ready` with its document
   * count; `failed` (with why) leaves the galleries served and `/api/search` answering 503;
   * `off` when the server was started without a search index.
   */
  search: { state: 'building' | 'ready' | 'failed' | 'off'; engine: string; documents: number; message?: string };
}

type Log = Pick<Console, 'info' | 'warn' | 'error'>;

// An unreachable Meilisearch is retried in the background (it may simply start after us).
const retryDelaysMs = [5_000, 15_000, 30_000, 60_000, 300_000];

/** What a start runs: content and the variant check always; search, recovery and the copy index when given. */
export interface GalleryStartup {
  content: ContentRepository;
  store: VariantStore;
  log?: Log;
  search?: SearchIndex;
  /** Finishes publishes and withdrawals a crash interrupted. */
  recover?: () => Promise<RecoveryReport>;
  /** Adds the published photos to the copy index. */
  syncCopies?: () => Promise<{ added: number; hashed: number }>;
  /**
   * Resolves once the requests being answered are (the server's `requestsInFlight`): the work
   * above starts after the pages that waited for content, not between their steps.
   */
  requestsAnswered?: () => Promise<void>;
}

/**
 * Loads content (logging invalid files), then in the background builds the search index and then
 * makes any missing image variants, so the server answers at once. Search is usable as soon as its
 * documents are built (thumbnails of existing variants included); when variants made at this
 * start were missing from it, it is rebuilt once they land.
 */
export function startGallery({ content, store, log = console, search, recover, syncCopies, requestsAnswered }: GalleryStartup): StartupState {
  const state: StartupState = {
    variants: { state: 'running', made: 0, cached: 0, failed: 0 },
    search: search ? { state: 'building', engine: search.engine, documents: 0 } : { state: 'off', engine: 'none', documents: 0 },
  };

  /** Settles once the first search build answered, ready or failed. */
  let searchTriedOnce!: () => void;
  const searchTried = new Promise<void>((resolve) => (searchTriedOnce = resolve));

  async function buildSearch(index: SearchIndex, attempt = 0): Promise<boolean> {
    try {
      await index.init();
      const report = await indexContent(index, content, store);
      state.search = { state: 'ready', engine: index.engine, documents: report.documents };
      searchTriedOnce();
      log.info(`[search] ${index.engine}: ${report.rebuilt ? `indexed ${report.documents} cases in ${report.ms} ms` : `index current (${report.documents} cases)`}`);
      return report.missingThumbnails > 0;
    } catch (error) {
      state.search = { state: 'failed', engine: index.engine, documents: 0, message: (error as Error).message };
      searchTriedOnce();
      if (!(error instanceof SearchUnavailableError)) {
        log.error('[search] building the index failed', error);
        return false;
      }
      const delay = retryDelaysMs[Math.min(attempt, retryDelaysMs.length - 1)]!;
      log.warn(`[search] ${(error as Error).message}; retrying in ${delay / 1000} s (galleries are served meanwhile)`);
      await new Promise((resolve) => setTimeout(resolve, delay).unref());
      return buildSearch(index, attempt + 1);
    }
  }

  /**
   * Reads content, then lets the requests that waited for it (the first gallery pages) be
   * answered before the rest of the start-up work takes this thread: at 100k cases the variant
   * check, the copy index and the search build run in slices of up to ~0.1 s, and each step of a
   * page being rendered (a compression, a file read) waited behind one: ~0.5 s more before the
   * first listings answered.
   */
  async function readContent(): Promise<void> {
    const started = performance.now();
    try {
      const snap = await content.snapshot();
      log.info(`[content] ${snap.cases.size} cases of ${snap.practitioners.size} practitioners read in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    } catch {
      // Each task below asks for content again and reports its own failure.
    }
    // One turn first: the requests that waited for content begin their answers in it.
    await yieldToEventLoop();
    await requestsAnswered?.();
  }

  async function prepareVariants(): Promise<number> {
    try {
      const snap = await content.snapshot();
      const masters = new Map<string, { sha256: string; path: string }>();
      for (const c of snap.cases.values()) for (const p of c.photos) masters.set(p.sha256, { sha256: p.sha256, path: p.path });
      const report = await store.ensure([...masters.values()]);
      state.variants = { state: 'done', made: report.made, cached: report.cached, failed: report.failed.length };
      report.failed.forEach((f) => log.warn(`[images] ${f.path}: ${f.message}`));
      if (report.made) log.info(`[images] made variants for ${report.made} photos (${report.cached} were ready)`);
      return report.made;
    } catch (error) {
      state.variants.state = 'failed';
      log.error('[images] preparing variants failed', error);
      return 0;
    }
  }

  // Publishes and withdrawals a crash interrupted are finished once search can take their documents.
  async function resumeJournals(): Promise<void> {
    if (!recover) return;
    try {
      const report = await recover();
      if (report.published.length || report.withdrawn.length) log.info(`[publishing] resumed: ${report.published.length} published, ${report.withdrawn.length} withdrawn`);
      report.failed.forEach((f) => log.error(`[publishing] ${f.subject} could not be finished: ${f.message} (retried at the next start)`));
    } catch (error) {
      log.error('[publishing] resuming unfinished publishes failed', error);
    }
  }

  // Published photos join the copy index every check uses (hashing masters whose case.yaml has no fingerprint).
  async function indexCopies(): Promise<void> {
    if (!syncCopies) return;
    try {
      const report = await syncCopies();
      log.info(`[copies] ${report.added} published photos in the copy index${report.hashed ? ` (${report.hashed} hashed from their masters)` : ''}`);
    } catch (error) {
      log.error('[copies] indexing published photos failed; it is retried at the next upload', error);
    }
  }

  void (async () => {
    await readContent();
    void indexCopies();
    if (!search) return void (await Promise.all([prepareVariants(), resumeJournals()]));
    // Search first, then the variant check: both read manifests on this thread (one per case
    // cover, one per photo), and at 369k photos the check delayed search by ~4 s. The check waits
    // for the first build only (not for the retries of an unreachable Meilisearch); what it
    // makes (photos whose variants are missing: rare after a build) is added to the index below.
    const built = buildSearch(search).then(async (lacking) => (await resumeJournals(), lacking));
    await searchTried;
    const variantsMade = await prepareVariants();
    const lackingThumbnails = await built;
    // Thumbnails of photos encoded at this start: the fingerprint changes, so this rebuilds.
    if (lackingThumbnails && variantsMade > 0 && state.search.state === 'ready') {
      try {
        const report = await indexContent(search, content, store);
        state.search.documents = report.documents;
      } catch (error) {
        log.warn('[search] adding new thumbnails to the index failed; they appear at the next start', error);
      }
    }
  })();
  return state;
}
