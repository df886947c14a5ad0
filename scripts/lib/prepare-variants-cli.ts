/**
 * Prepares the image variants of PORTFOLIOS_DIR into DATA_DIR, as `npm run build` does after its
 * build, in a process of its own (bench:scale runs it so its own heap stays small). Exits 1 when
 * a photo has no variants.
 */
import { configFromProcess } from '../../src/lib/config/from-process.ts';
import { prepareAllVariants } from './variants.ts';

process.exitCode = (await prepareAllVariants(configFromProcess())) ? 1 : 0;
