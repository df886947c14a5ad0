/**
 * sharp as Healed uses it. libvips keeps recent operations in a process-wide cache (50 MB, 100
 * operations by default) to serve the same input again; every photo here is encoded, hashed or
 * inspected once, so the cache only held memory (at 100k cases the server's RSS peak was
 * reached while publishing). Every module of this folder imports sharp from here.
 */
import sharp from 'sharp';

sharp.cache(false);

export default sharp;
export type { Metadata, OutputInfo, Sharp } from 'sharp';
