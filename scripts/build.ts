/**
 * `npm run build`: type-checks, builds the server into dist/, then prepares image variants for
 * every photo in portfolios/ (content-addressed, so only new photos cost time). Astro's image
 * service is off, so no source photo is ever copied into dist/.
 */
import { configFromProcess } from '../src/lib/config/from-process.ts';
import { runCommand } from './lib/run-command.ts';
import { prepareAllVariants } from './lib/variants.ts';

const skipCheck = process.argv.includes('--no-check');
// Run Astro's CLI on this same Node (24), whatever `node` is first on PATH.
const astroCli = (args: string[]) => runCommand(process.execPath, ['node_modules/astro/bin/astro.mjs', ...args]);
if (!skipCheck) await astroCli(['check', '--minimumFailingSeverity', 'error']);
await astroCli(['build']);
const failed = await prepareAllVariants(configFromProcess());
if (failed) console.warn(`build: ${failed} photos have no variants yet; run \`npm run check\` to see why.`);
