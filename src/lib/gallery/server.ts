import { startCacheInvalidations } from '../cache/server.ts';
import { content } from '../content/server.ts';
import { syncPublishedCopies } from '../duplicates/server.ts';
import { variantStore } from '../images/server.ts';
import { searchIndex } from '../search/server.ts';
import { resumeUnfinished } from '../publishing/server.ts';
import { startGallery } from './startup.ts';

/** Started once, when the server first loads its middleware: content, variants and search. */
export const startup = startGallery(content, variantStore, console, searchIndex, resumeUnfinished, syncPublishedCopies);
// Invalidations from the other instances (and due shared-cache purges) are polled from now on.
startCacheInvalidations();
