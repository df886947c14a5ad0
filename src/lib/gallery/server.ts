import { content } from '../content/server.ts';
import { variantStore } from '../images/server.ts';
import { startGallery } from './startup.ts';

/** Started once, when the server first loads its middleware. */
export const startup = startGallery(content, variantStore);
