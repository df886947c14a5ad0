/** HTTP response compression: Brotli, else gzip, chosen from `Accept-Encoding`. */
export { negotiateCoding, type Coding } from './negotiate.ts';
export { isCompressible, minimumBytes } from './compressible.ts';
export { compressResponse, wholeBodyLimit } from './compress.ts';
