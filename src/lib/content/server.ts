import { availableParallelism } from 'node:os';
import { config } from '../config/index.ts';
import { openParseCache, type ParseCache } from '../db/parse-cache.ts';
import { createContentRepository } from './repository.ts';

/**
 * The server's one content repository. Invalid files are logged once per load, in the words of
 * `npm run check`, and left out; the rest of the site is served.
 */
export const content = createContentRepository({
  portfoliosDir: config.portfoliosDir,
  report: (line) => console.warn(`[content] ${line}`),
  // One worker per core reads and parses the YAML while this thread validates; case folders
  // parsed at an earlier start (kept in DATA_DIR) are not parsed again unless they changed.
  readers: availableParallelism(),
  cache: parseCacheOrNone(),
});

/** The parse cache, or none when DATA_DIR cannot hold it: the galleries are served either way. */
function parseCacheOrNone(): ParseCache | undefined {
  try {
    return openParseCache(config.dataDir);
  } catch (error) {
    console.warn(`[content] no parse cache in ${config.dataDir} (${(error as Error).message}): every start parses all of portfolios/`);
    return undefined;
  }
}
