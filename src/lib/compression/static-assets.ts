/**
 * The built JS and CSS (`/_astro/…`), served through Astro instead of the Node adapter's file
 * server, which cannot compress: the build moves them out of `dist/client/` (see
 * `compressedAssets()` in integration.ts), so the file server misses and this route answers. The
 * route cache then keeps one compressed body per coding (route-cache-provider.ts), like a page.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Folder beside `dist/server/` the build moves `dist/client/_astro/` into. */
export const movedAssetsFolder = 'client-assets';

const types: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.map': 'application/json' };

/** `dist/client-assets/_astro`, found by walking up from this (bundled) module to `dist/server`. */
function assetsDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (path.basename(dir) !== 'server' && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, '..', movedAssetsFolder, '_astro');
}

/** The bytes and type of a built asset by its file name, or undefined (only plain hashed names). */
export async function readBuiltAsset(file: string): Promise<{ body: Uint8Array; type: string } | undefined> {
  const type = types[path.extname(file)];
  if (!type || !/^[\w.-]+$/.test(file) || file.startsWith('.')) return undefined;
  try {
    return { body: await readFile(path.join(assetsDir(), file)), type };
  } catch {
    return undefined;
  }
}
