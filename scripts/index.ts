/**
 * `npm run index`: rebuilds the search index from portfolios/, with progress output.
 * - Meilisearch (MEILI_URL set): the real rebuild, into a temporary index swapped in atomically,
 *   so searches keep answering from the old index until the new one is complete.
 * - Embedded (default): the index lives in the server's memory and is built at every start, so
 *   there is nothing to rebuild; this builds one anyway and reports counts and time, as a check.
 * Exits 1 when the index cannot be built (e.g. Meilisearch unreachable), saying why.
 */
import path from 'node:path';
import { configFromProcess } from '../src/lib/config/from-process.ts';
import { createContentRepository } from '../src/lib/content/repository.ts';
import { CopyLibrary } from '../src/lib/duplicates/index.ts';
import { createVariantStore, photoHashes } from '../src/lib/images/index.ts';
import { createSearchIndex } from '../src/lib/search/factory.ts';
import { indexContent } from '../src/lib/search/reindex.ts';

const config = configFromProcess();
const search = config.search;
const where = search.engine === 'meilisearch' ? `Meilisearch at ${search.url}, index "${search.index}"` : 'embedded engine';
console.log(`index: ${where}`);
if (search.engine === 'embedded') {
  console.log('index: the embedded index lives in the server\'s memory and is rebuilt at every start; building one here as a check (set MEILI_URL to rebuild Meilisearch)');
}

try {
  const content = createContentRepository({ portfoliosDir: config.portfoliosDir, report: (line) => console.warn(`index: skipped: ${line}`) });
  const snap = await content.snapshot();
  console.log(`index: ${snap.practitioners.size} practitioners, ${snap.cases.size} cases in ${config.portfoliosDir}${snap.invalidFiles ? ` (${snap.invalidFiles} invalid files left out: run \`npm run check\`)` : ''}`);
  const index = createSearchIndex(search);
  await index.init();
  const tty = process.stdout.isTTY;
  let lastPrinted = 0;
  const report = await indexContent(index, content, createVariantStore({ dir: path.join(config.dataDir, 'variants') }), {
    force: true,
    onProgress(done, total) {
      const now = Date.now();
      if (!tty && done !== total && now - lastPrinted < 2000) return;
      lastPrinted = now;
      const line = `index: ${done}/${total} documents`;
      if (tty) process.stdout.write(`\r${line}`);
      else console.log(line);
    },
  });
  if (tty) process.stdout.write('\n');
  // Read back through the port: what a search will see, not what was sent.
  const [browse, health] = await Promise.all([index.search({ perPage: 1 }), index.health()]);
  console.log(
    `index: ${report.documents} cases indexed in ${(report.ms / 1000).toFixed(2)} s; a search now sees ${browse.total}` +
      `${health.documents !== undefined ? ` (engine reports ${health.documents} documents)` : ''}` +
      `${report.missingThumbnails ? `; ${report.missingThumbnails} without a thumbnail yet (run \`npm run build\` to make variants)` : ''}`,
  );
  // The copy index lives in the server's memory like the embedded search: built here as a check
  // that every published photo can join it (masters without a recorded fingerprint are hashed).
  const copies = await new CopyLibrary().syncPublished(snap.cases.values(), async (file) => (await photoHashes(file)).fingerprint);
  console.log(`index: ${copies.added} published photos fit the copy index${copies.hashed ? ` (${copies.hashed} without a fingerprint in case.yaml, hashed from their masters)` : ''}`);
  if (browse.total !== report.documents) {
    console.error(`index: expected ${report.documents} documents but a search sees ${browse.total}`);
    process.exitCode = 1;
  }
} catch (error) {
  // The chain of causes on one line each ("did not answer" → "fetch failed" → "ECONNREFUSED").
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    console.error(`index: ${depth === 0 ? 'failed' : 'because'}: ${e.message}`);
  }
  process.exitCode = 1;
}
