import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { movedAssetsFolder } from './static-assets.ts';

/**
 * Serves the built JS and CSS compressed: `/_astro/[file]` becomes a route (src/lib/compression/
 * asset-route.ts) and the build moves `dist/client/_astro/` to `dist/client-assets/_astro/`, so the
 * Node adapter's file server (no compression) no longer finds them first.
 */
export function compressedAssets(): AstroIntegration {
  let outDir = '';
  return {
    name: 'healed-compressed-assets',
    hooks: {
      'astro:config:setup': ({ injectRoute }) => {
        injectRoute({ pattern: '/_astro/[file]', entrypoint: './src/lib/compression/asset-route.ts', prerender: false });
      },
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
      },
      'astro:build:done': async ({ dir }) => {
        const from = path.join(fileURLToPath(dir), '_astro');
        const to = path.join(outDir, movedAssetsFolder, '_astro');
        if (!(await stat(from).catch(() => undefined))) return;
        await rm(to, { recursive: true, force: true });
        await mkdir(path.dirname(to), { recursive: true });
        await rename(from, to);
      },
    },
  };
}
