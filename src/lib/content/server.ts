import { config } from '../config/index.ts';
import { createContentRepository } from './repository.ts';

/**
 * The server's one content repository. Invalid files are logged once per load, in the words of
 * `npm run check`, and left out; the rest of the site is served.
 */
export const content = createContentRepository({
  portfoliosDir: config.portfoliosDir,
  report: (line) => console.warn(`[content] ${line}`),
});
