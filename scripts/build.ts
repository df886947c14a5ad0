/**
 * `npm run build`: type-checks, builds the server into dist/, then prepares image variants for
 * every photo in portfolios/ (content-addressed, so only new photos cost time). Astro's image
 * service is off, so no source photo is ever copied into dist/.
 */
import { configFromProcess } from '../src/lib/config/from-process.ts';
import { runCommand } from './lib/run-command.ts';
import { prepareAllVariants } from './lib/variants.ts';

const skipCheck = process.argv.includes('--no-check');
// Run Astro's CLI on this same Node (24), whatever `node` is first on PATH. NODE_ENV is pinned:
// under vitest it is `test`, and a bundle built then would call React's dev-only jsxDEV, which
// does not exist in the production server (the /search island answered 500).
const astroCli = (args: string[]) =>
  runCommand(process.execPath, ['node_modules/astro/bin/astro.mjs', ...args], { ...process.env, NODE_ENV: 'production' });
if (!skipCheck) await astroCli(['check', '--minimumFailingSeverity', 'error']);
await astroCli(['build']);
const failed = await prepareAllVariants(configFromProcess());
if (failed) console.warn(`build: ${failed} photos have no variants yet; run \`npm run check\` to see why.`);
