import { config } from '../config/index.ts';
import { openParseCache } from '../db/parse-cache.ts';
import { createContentRepository } from './repository.ts';

/**
 * The server's one content repository. Invalid files are logged once per load, in the words of
 * `npm run check`, and left out; the rest of the site is served.
 */
export const content = createContentRepository({
  portfoliosDir: config.portfoliosDir,
  report: (line) => console.warn(`[content] ${line}`),
  // Parsed case folders kept in DATA_DIR between starts: a restart at 100k cases reads in half the time.
  cache: openParseCache(config.dataDir),
});
