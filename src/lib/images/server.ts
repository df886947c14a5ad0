import path from 'node:path';
import { config } from '../config/index.ts';
import { createVariantStore } from './variant-store.ts';

/**
 * The server's variant store under `<DATA_DIR>/variants`. Server-only (reads astro:env); scripts
 * build their own with `createVariantStore()` from `configFromProcess()`. One instance per process,
 * so its manifest memo is shared by every request.
 */
export const variantStore = createVariantStore({ dir: path.join(config.dataDir, 'variants') });
