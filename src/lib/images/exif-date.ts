import exifr from 'exifr';

/** The capture date an original carries, if any, and whether it can be trusted to be a date. */
export interface ExifCaptureDate {
  /**
   * The moment the photo was taken. With an EXIF offset (OffsetTimeOriginal) it is exact; without
   * one the camera's wall-clock time is read as UTC, so its UTC calendar day is the day the
   * practitioner saw on the camera (the day every stage computation uses).
   */
  capturedAt?: Date;
  /** The calendar day on the camera's clock, `YYYY-MM-DD` (what to compare with declared dates). */
  capturedDay?: string;
  /** The raw EXIF value when one was found but refused (unparseable, before 2000, in the future). */
  ignored?: string;
}

/** Digital cameras with trustworthy clocks: anything earlier is a reset clock (1970, 1980…). */
export const earliestCaptureYear = 2000;
// One day of slack covers every time zone (UTC+14) on a camera without an offset tag; later than
// that the clock is wrong, and a wrong clock must not produce a verified date.
const futureSlackMs = 86_400_000;

/**
 * Reads the capture date from an original's EXIF: DateTimeOriginal, else CreateDate (digitized),
 * each with its own offset tag when present. Never throws: a broken EXIF block means "no date".
 * exifr reads JPEG, PNG and TIFF itself but not WebP, nor the EXIF of some AVIF files: for those,
 * pass the EXIF block the decoder found in the header (`exifBlock`, sharp's `metadata().exif`).
 */
export async function readExifCaptureDate(bytes: Uint8Array, now = new Date(), exifBlock?: Uint8Array): Promise<ExifCaptureDate> {
  let tags = await dateTags(bytes);
  if (!hasDate(tags) && exifBlock && exifBlock.length > 8) {
    // The block starts with `Exif\0\0` before its TIFF header; exifr reads a bare TIFF header.
    const isPrefixed = new TextDecoder().decode(exifBlock.subarray(0, 4)) === 'Exif';
    tags = await dateTags(isPrefixed ? exifBlock.subarray(6) : exifBlock);
  }
  const raw = text(tags?.DateTimeOriginal) ?? text(tags?.CreateDate);
  if (!raw) return {};
  const offset = text(tags?.DateTimeOriginal) ? text(tags?.OffsetTimeOriginal) : text(tags?.OffsetTimeDigitized);
  const parsed = parseExifDateTime(raw, offset);
  if (!parsed || !isPlausibleCaptureDate(parsed.capturedAt, now)) return { ignored: offset ? `${raw} ${offset}` : raw };
  return parsed;
}

async function dateTags(input: Uint8Array): Promise<Record<string, unknown> | undefined> {
  try {
    return await exifr.parse(input, {
      // Raw strings: exifr would otherwise build Dates in the server's local time zone.
      reviveValues: false,
      pick: ['DateTimeOriginal', 'CreateDate', 'OffsetTimeOriginal', 'OffsetTimeDigitized'],
    });
  } catch {
    return undefined;
  }
}

const hasDate = (tags: Record<string, unknown> | undefined) => Boolean(text(tags?.DateTimeOriginal) ?? text(tags?.CreateDate));

/**
 * Parses EXIF's `YYYY:MM:DD HH:MM:SS` (dashes and a `T` are tolerated) with an optional `±HH:MM`
 * offset. Impossible dates (month 13, 31 February, all zeros) give `undefined`.
 */
export function parseExifDateTime(value: string, offset?: string): { capturedAt: Date; capturedDay: string } | undefined {
  const m = /^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/.exec(value.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second = 0] = m.slice(1).map((part) => Number(part ?? 0));
  const wallClock = Date.UTC(year!, month! - 1, day!, hour!, minute!, second);
  const check = new Date(wallClock);
  // Date.UTC rolls 31 February over into March: a round trip catches impossible dates.
  if (check.getUTCMonth() !== month! - 1 || check.getUTCDate() !== day! || hour! > 23 || minute! > 59 || second > 59) return undefined;
  const capturedDay = `${m[1]}-${m[2]}-${m[3]}`;
  const o = offset ? /^([+-])(\d{2}):?(\d{2})$/.exec(offset.trim()) : null;
  if (!o) return { capturedAt: check, capturedDay };
  const minutes = (Number(o[2]) * 60 + Number(o[3])) * (o[1] === '-' ? -1 : 1);
  if (Math.abs(minutes) > 14 * 60) return { capturedAt: check, capturedDay };
  return { capturedAt: new Date(wallClock - minutes * 60_000), capturedDay };
}

/** A date from this century, and not after tomorrow: anything else is a camera with a wrong clock. */
export function isPlausibleCaptureDate(date: Date, now: Date): boolean {
  return date.getUTCFullYear() >= earliestCaptureYear && date.getTime() <= now.getTime() + futureSlackMs;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
