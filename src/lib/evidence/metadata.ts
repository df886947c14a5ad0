import exifr from 'exifr';
import type { FileMetadata } from './types.ts';

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/**
 * The editing signs in a file's EXIF and XMP: the programs it names and its modify/capture times.
 * Never throws: a broken block means no signs found there. `exifBlock` is the EXIF the decoder
 * found (for WebP and AVIF, which exifr cannot read itself), as in `readExifCaptureDate`.
 */
export async function readFileMetadata(bytes: Uint8Array, exifBlock?: Uint8Array): Promise<FileMetadata> {
  const found = { ...(await tags(bytes)) };
  if (exifBlock && exifBlock.length > 8 && !text(found.Software) && !text(found.ModifyDate)) {
    const prefixed = new TextDecoder().decode(exifBlock.subarray(0, 4)) === 'Exif';
    Object.assign(found, await tags(prefixed ? exifBlock.subarray(6) : exifBlock));
  }
  const software = [found.Software, found.ProcessingSoftware, found.CreatorTool, found.HistorySoftwareAgent]
    .flat()
    .map(text)
    .filter((s): s is string => s !== undefined);
  const modifyDate = text(found.ModifyDate);
  const dateTimeOriginal = text(found.DateTimeOriginal);
  return { software: [...new Set(software)], ...(modifyDate ? { modifyDate } : {}), ...(dateTimeOriginal ? { dateTimeOriginal } : {}) };
}

async function tags(input: Uint8Array): Promise<Record<string, unknown> | undefined> {
  try {
    return await exifr.parse(input, {
      // A top-level `pick` would drop XMP altogether, so each block picks its own tags.
      ifd0: { pick: ['Software', 'ProcessingSoftware', 'ModifyDate'] },
      exif: { pick: ['DateTimeOriginal'] },
      gps: false,
      interop: false,
      ifd1: false,
      xmp: true,
      // Raw strings: dates are compared as the camera wrote them, in no time zone.
      reviveValues: false,
    });
  } catch {
    return undefined;
  }
}
