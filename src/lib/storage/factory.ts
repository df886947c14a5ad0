import path from 'node:path';
import type { HealedConfig } from '../config/resolve.ts';
import { createLocalDiskStorage } from './local-disk.ts';
import type { OriginalStorage } from './types.ts';
import { createUploadThingStorage } from './uploadthing-storage.ts';

/**
 * The storage driver the config asks for: local disk under `<DATA_DIR>/originals` unless an
 * UploadThing token is set. An unknown driver is a bug in config resolution: fail at start.
 */
export function createStorage(config: Pick<HealedConfig, 'dataDir' | 'portfoliosDir' | 'storage'>, cwd = process.cwd()): OriginalStorage {
  const storage = config.storage as { driver: string; token?: string };
  switch (storage.driver) {
    case 'local':
      return createLocalDiskStorage({
        dir: path.join(config.dataDir, 'originals'),
        // Everything the server or a static host may serve: originals must live outside all of it.
        servedDirs: [config.portfoliosDir, path.resolve(cwd, 'public'), path.resolve(cwd, 'dist')],
      });
    case 'uploadthing':
      if (!storage.token) throw new Error('Storage driver "uploadthing" needs a token: set UPLOADTHING_TOKEN, or unset it to store originals on local disk.');
      return createUploadThingStorage({ token: storage.token });
    default:
      throw new Error(`Storage driver ${JSON.stringify(storage.driver)} is not known: use "local" (default) or "uploadthing" (set UPLOADTHING_TOKEN).`);
  }
}
