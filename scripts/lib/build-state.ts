import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Files whose change means the server bundle must be rebuilt. */
const sources = ['src', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json'];

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** The built server entry. */
export const serverEntry = path.resolve('dist/server/entry.mjs');
/** What serves it: Healed's HTTP server around the entry's handler. */
export const serveScript = path.resolve('scripts/serve.ts');

/** True when dist/ is missing or older than any source file. */
export function buildIsStale(root = process.cwd()): boolean {
  const entry = path.join(root, 'dist/server/entry.mjs');
  if (!existsSync(entry)) return true;
  const built = statSync(entry).mtimeMs;
  return sources.some((s) => newestMtime(path.join(root, s)) > built);
}
