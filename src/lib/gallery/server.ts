import { startCacheInvalidations } from '../cache/server.ts';
import { content } from '../content/server.ts';
import { syncPublishedCopies } from '../duplicates/server.ts';
import { requestsInFlight } from '../http/in-flight.ts';
import { variantStore } from '../images/server.ts';
import { searchIndex } from '../search/server.ts';
import { resumeUnfinished } from '../publishing/server.ts';
import { startGallery } from './startup.ts';

/** Started once, when the server first loads its middleware: content, variants and search. */
export const startup = startGallery({
  content,
  store: variantStore,
  search: searchIndex,
  recover: resumeUnfinished,
  syncCopies: syncPublishedCopies,
  // Under steady traffic the start-up work waits 2 s at most.
  requestsAnswered: () => requestsInFlight.whenNone(2_000),
});
// Invalidations from the other instances (and due shared-cache purges) are polled from now on.
startCacheInvalidations();
