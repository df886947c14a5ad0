import path from 'node:path';
import type { HealedConfig } from '../config/resolve.ts';
import { createLocalDiskStorage } from './local-disk.ts';
import type { OriginalStorage } from './types.ts';
import { isUploadThingKey } from './uploadthing-key.ts';

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
    case 'uploadthing': {
      const { token } = storage;
      if (!token) throw new Error('Storage driver "uploadthing" needs a token: set UPLOADTHING_TOKEN, or unset it to store originals on local disk.');
      return loadedOnFirstUse('uploadthing', isUploadThingKey, async () => (await import('./uploadthing-storage.ts')).createUploadThingStorage({ token }));
    }
    default:
      throw new Error(`Storage driver ${JSON.stringify(storage.driver)} is not known: use "local" (default) or "uploadthing" (set UPLOADTHING_TOKEN).`);
  }
}

/**
 * A driver whose module is loaded at its first operation. UploadThing's SDK is ~550 modules
 * (Effect and its platform packages, ~0.25 s to load): a server imports its storage at start, and
 * the galleries waited for that SDK before reading content. Only `isKey`, checked before anything
 * else, is answered without it.
 */
function loadedOnFirstUse(driver: OriginalStorage['driver'], isKey: (key: string) => boolean, load: () => Promise<OriginalStorage>): OriginalStorage {
  let loaded: Promise<OriginalStorage> | undefined;
  const driverOf = () => {
    loaded ??= load();
    // A failed load (a broken install) is tried again at the next operation.
    loaded.catch(() => (loaded = undefined));
    return loaded;
  };
  return {
    driver,
    isKey,
    putOriginal: async (source, meta, options) => (await driverOf()).putOriginal(source, meta, options),
    readOriginal: async (key) => (await driverOf()).readOriginal(key),
    deleteOriginal: async (key) => (await driverOf()).deleteOriginal(key),
    exists: async (key) => (await driverOf()).exists(key),
  };
}
