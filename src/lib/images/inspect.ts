import sharp from './sharp.ts';

/** What `npm run check` needs to know about a master before it may be published. */
export interface MasterInspection {
  /** Decoded format, e.g. `jpeg`; undefined when the file is not a decodable image. */
  format?: string;
  width?: number;
  height?: number;
  /** Metadata blocks found (exif, xmp, iptc); GPS hides in EXIF, so any of them disqualifies. */
  metadata: string[];
}

/**
 * Reads a master's header (no full decode) and lists any metadata it still carries. Masters are
 * copied as they are by anything that serves `portfolios/`, so they must carry none.
 */
export async function inspectMaster(file: string): Promise<MasterInspection> {
  try {
    const meta = await sharp(file).metadata();
    const metadata = (['exif', 'xmp', 'iptc'] as const).filter((key) => meta[key] !== undefined);
    return { format: meta.format, width: meta.autoOrient?.width ?? meta.width, height: meta.autoOrient?.height ?? meta.height, metadata };
  } catch {
    return { metadata: [] };
  }
}
