import { content } from '../content/server.ts';
import { searchIndex } from '../search/server.ts';
import { createDirectory } from './directory.ts';
import { createCompareService } from './service.ts';

/** The server's comparisons, over its search index and published content. Server-only. */
export const comparisons = createCompareService({ search: searchIndex, content });

/** The server's practitioner directory. Server-only. */
export const directory = createDirectory({ search: searchIndex, content });
