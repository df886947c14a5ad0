import path from 'node:path';
import { readPortfolios } from '../../src/lib/content/index.ts';
import type { HealedConfig } from '../../src/lib/config/resolve.ts';
import { createVariantStore } from '../../src/lib/images/index.ts';

/** Prepares variants for every photo in portfolios/, with a progress line; returns failures. */
export async function prepareAllVariants(config: HealedConfig): Promise<number> {
  const snap = await readPortfolios(config.portfoliosDir);
  const masters = new Map<string, { sha256: string; path: string }>();
  for (const c of snap.cases.values()) for (const p of c.photos) masters.set(p.sha256, { sha256: p.sha256, path: p.path });
  const store = createVariantStore({ dir: path.join(config.dataDir, 'variants') });
  const started = Date.now();
  const tty = process.stdout.isTTY;
  let lastPrinted = 0;
  const report = await store.ensure([...masters.values()], {
    onProgress(done, total) {
      const now = Date.now();
      if (!tty && done !== total && now - lastPrinted < 2000) return;
      lastPrinted = now;
      const line = `variants: ${done}/${total} photos`;
      if (tty) process.stdout.write(`\r${line}`);
      else console.log(line);
    },
  });
  if (tty) process.stdout.write('\n');
  console.log(`variants: ${report.made} made, ${report.cached} already prepared, ${report.failed.length} failed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const f of report.failed) console.error(`variants: ${f.path}: ${f.message}`);
  return report.failed.length;
}
