import { fileTypeFromBuffer } from 'file-type';

/** Photo formats ingest accepts, named as sharp names them (`heif` is how sharp reports AVIF). */
export type AcceptedFormat = 'jpeg' | 'png' | 'webp' | 'avif';

/** What the bytes really are, whatever the file name or the declared content type say. */
export type SniffResult =
  | { accepted: true; format: AcceptedFormat; mime: string }
  | { accepted: false; kind: 'heic' | 'animation' | 'other'; what: string };

const acceptedByMime: Record<string, AcceptedFormat> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/avif': 'avif',
};

const heicMimes = new Set(['image/heic', 'image/heif', 'image/heic-sequence', 'image/heif-sequence']);

/**
 * Names the real type of an upload from its first bytes. Only the four photo formats browsers and
 * sharp both handle pass; HEIC is singled out because iPhones produce it and it has a simple fix.
 * Text formats (SVG, HTML, XML) have no magic number, so they are recognised here to name them.
 */
export async function sniffImageType(bytes: Uint8Array): Promise<SniffResult> {
  const found = await fileTypeFromBuffer(bytes);
  // SVG and XHTML are XML: name them by their root element rather than as "XML".
  if (found && found.ext !== 'xml') {
    const format = acceptedByMime[found.mime];
    if (format) return { accepted: true, format, mime: found.mime };
    if (heicMimes.has(found.mime)) return { accepted: false, kind: 'heic', what: 'a HEIC/HEIF photo' };
    // APNG starts like a PNG; file-type tells them apart by the animation chunk.
    if (found.ext === 'apng') return { accepted: false, kind: 'animation', what: 'an animated PNG' };
    return { accepted: false, kind: 'other', what: describeKnown(found.ext, found.mime) };
  }
  return { accepted: false, kind: 'other', what: describeText(bytes) };
}

function describeKnown(ext: string, mime: string): string {
  const names: Record<string, string> = { gif: 'a GIF', pdf: 'a PDF document', zip: 'a zip archive', mp4: 'an MP4 video', mov: 'a QuickTime video', tif: 'a TIFF image', bmp: 'a BMP image', ico: 'an icon file' };
  return names[ext] ?? `a ${ext.toUpperCase()} file (${mime})`;
}

/** Text files have no magic number: look at the first non-blank characters. */
function describeText(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'an empty file';
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 1024)).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!doctype svg|<svg[\s>])/.test(head)) return 'an SVG drawing';
  if (/^(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<script[\s>])/.test(head)) return 'an HTML page';
  if (head.startsWith('<?xml')) return 'an XML document';
  return 'not an image format we recognise';
}
