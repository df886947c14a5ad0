import type { ContentRepository } from '../content/index.ts';
import type { VariantStore } from '../images/index.ts';

/** What the server knows about its own start, for /api/health. */
export interface StartupState {
  /** Variant preparation: running, done (with counts), or failed. */
  variants: { state: 'running' | 'done' | 'failed'; made: number; cached: number; failed: number };
}

/**
 * Loads content (logging invalid files) and then makes any missing image variants in the
 * background, so the server answers at once and photos appear as their variants land.
 */
export function startGallery(content: ContentRepository, store: VariantStore, log = console): StartupState {
  const state: StartupState = { variants: { state: 'running', made: 0, cached: 0, failed: 0 } };
  void (async () => {
    try {
      const snap = await content.snapshot();
      const masters = new Map<string, { sha256: string; path: string }>();
      for (const c of snap.cases.values()) for (const p of c.photos) masters.set(p.sha256, { sha256: p.sha256, path: p.path });
      const report = await store.ensure([...masters.values()]);
      state.variants = { state: 'done', made: report.made, cached: report.cached, failed: report.failed.length };
      report.failed.forEach((f) => log.warn(`[images] ${f.path}: ${f.message}`));
      if (report.made) log.info(`[images] made variants for ${report.made} photos (${report.cached} were ready)`);
    } catch (error) {
      state.variants.state = 'failed';
      log.error('[images] preparing variants failed', error);
    }
  })();
  return state;
}
