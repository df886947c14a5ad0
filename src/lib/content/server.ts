import { availableParallelism } from 'node:os';
import { config } from '../config/index.ts';
import { rememberRank } from '../gallery/listing-order.ts';
import { openParseCache } from '../db/parse-cache.ts';
import { createContentRepository } from './repository.ts';

/**
 * The server's one content repository. Invalid files are logged once per load, in the words of
 * `npm run check`, and left out; the rest of the site is served.
 */
export const content = createContentRepository({
  portfoliosDir: config.portfoliosDir,
  report: (line) => console.warn(`[content] ${line}`),
  // One reader thread per core reads and validates the files while this thread answers requests;
  // case folders parsed at an earlier start (kept in DATA_DIR) are not parsed again unless changed.
  readers: availableParallelism(),
  cacheDir: parseCacheDirOrNone(),
  // Ranked by the readers: the first listings after a start need not rank every case first.
  onRank: rememberRank,
});

/**
 * DATA_DIR when it can hold the parse cache (opened once here, so it is created or rebuilt before
 * the readers open it), else none: the galleries are served either way.
 */
function parseCacheDirOrNone(): string | undefined {
  try {
    openParseCache(config.dataDir).close();
    return config.dataDir;
  } catch (error) {
    console.warn(`[content] no parse cache in ${config.dataDir} (${(error as Error).message}): every start parses all of portfolios/`);
    return undefined;
  }
}
