/**
 * Builders of test photos and of hostile files, made on the fly (no binary fixtures). Photos are
 * seeded: the same options give the same pixels; different seeds give different pictures.
 */
import { deflateSync, crc32 } from 'node:zlib';
import sharp, { type Sharp } from 'sharp';
import { blobPhotoPixels } from '../../src/lib/images/bench-support.ts';

/** Options shared by the photo builders. */
export interface PhotoOptions {
  width?: number;
  height?: number;
  /** Picks the picture: broad shapes (what perceptual hashes see) and grain. */
  seed?: number;
  /** Encoder quality (default 90). */
  quality?: number;
}

/** Options of `jpeg()`: metadata a phone would write, and what phones or attackers append. */
export interface JpegOptions extends PhotoOptions {
  /** EXIF DateTimeOriginal, `YYYY:MM:DD HH:MM:SS`. */
  exifDate?: string;
  /** EXIF OffsetTimeOriginal, e.g. `+02:00`. */
  exifOffset?: string;
  /** EXIF CreateDate (DateTimeDigitized), for the fallback. */
  createDate?: string;
  /** Adds GPS coordinates in EXIF and in XMP (the XMP copy puts the letters `GPS` in the bytes). */
  gps?: boolean;
  /** EXIF orientation 1–8. */
  orientation?: number;
  /** Bytes appended after the JPEG's end-of-image marker. */
  trailer?: Uint8Array;
  /** EXIF Software, as an editor writes it (e.g. `Adobe Photoshop 25.0 (Windows)`). */
  software?: string;
  /** EXIF ModifyDate (IFD0 DateTime), `YYYY:MM:DD HH:MM:SS`: what an editor stamps on saving. */
  modifyDate?: string;
  /** XMP CreatorTool, as apps that write only XMP name themselves. */
  creatorTool?: string;
}

/** A seeded photo-like picture (the bench's generator): broad shapes a perceptual hash sees, and grain. */
async function photo(options: PhotoOptions): Promise<Sharp> {
  const { width = 1200, height = 900, seed = 1 } = options;
  return sharp(await blobPhotoPixels(seed, width, height), { raw: { width, height, channels: 3 } });
}

/** A JPEG photo, optionally with EXIF dates, GPS, an orientation and a trailer after the image. */
export async function jpeg(options: JpegOptions = {}): Promise<Buffer> {
  let image = await photo(options);
  const ifd2: Record<string, string> = {};
  if (options.exifDate) ifd2.DateTimeOriginal = options.exifDate;
  if (options.exifOffset) ifd2.OffsetTimeOriginal = options.exifOffset;
  if (options.createDate) ifd2.DateTimeDigitized = options.createDate;
  const exif: Record<string, Record<string, string>> = { IFD0: { Make: 'HealedTestCam', Model: 'SN-12345678' } };
  // What exiftool -Software=… / -ModifyDate=… (or an editor saving the file) leaves behind.
  if (options.software) exif.IFD0!.Software = options.software;
  if (options.modifyDate) exif.IFD0!.DateTime = options.modifyDate;
  if (Object.keys(ifd2).length) exif.IFD2 = ifd2;
  if (options.gps) {
    exif.IFD3 = { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 2600/100', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 3900/100' };
  }
  image = image.withExif(exif);
  if (options.gps) image = image.withXmp(gpsXmp);
  else if (options.creatorTool) image = image.withXmp(creatorToolXmp(options.creatorTool));
  if (options.orientation) image = image.withMetadata({ orientation: options.orientation });
  const body = await image.jpeg({ quality: options.quality ?? 90 }).toBuffer();
  return options.trailer ? Buffer.concat([body, options.trailer]) : body;
}

/** A PNG photo, optionally with an alpha channel. */
export async function png(options: PhotoOptions & { alpha?: boolean } = {}): Promise<Buffer> {
  const image = await photo(options);
  return (options.alpha ? image.ensureAlpha(0.5) : image).png({ compressionLevel: 1 }).toBuffer();
}

/** A WebP photo, optionally with an EXIF capture date (exifr cannot read WebP itself). */
export async function webp(options: PhotoOptions & { exifDate?: string } = {}): Promise<Buffer> {
  let image = await photo(options);
  if (options.exifDate) image = image.withExif({ IFD2: { DateTimeOriginal: options.exifDate } });
  return image.webp({ quality: options.quality ?? 85 }).toBuffer();
}

/** An AVIF photo (fast, low-effort encode). */
export async function avif(options: PhotoOptions = {}): Promise<Buffer> {
  return (await photo(options)).avif({ quality: options.quality ?? 60, effort: 0 }).toBuffer();
}

const gpsXmp = '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="51,30.26N" exif:GPSLongitude="0,7.39W"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>';

function creatorToolXmp(tool: string): string {
  return `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreatorTool="${tool}"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
}

/** What a phone's motion photo appends: an MP4 (`ftyp` + `mdat`) carrying `marker`, about `size` bytes. */
export function mp4Trailer(marker: string, size = 200 * 1024): Buffer {
  const payload = Buffer.from(marker.repeat(Math.ceil(size / marker.length)).slice(0, size));
  const ftyp = Buffer.concat([u32(24), Buffer.from('ftypmp42'), u32(0), Buffer.from('isommp42')]);
  return Buffer.concat([ftyp, u32(payload.length + 8), Buffer.from('mdat'), payload]);
}

/** A zip appended after the image (a polyglot): a local file header and `marker` as its content. */
export function zipTrailer(marker: string, size = 200 * 1024): Buffer {
  const payload = Buffer.from(marker.repeat(Math.ceil(size / marker.length)).slice(0, size));
  const name = Buffer.from('payload.txt');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt32LE(crc32(payload), 14);
  header.writeUInt32LE(payload.length, 18);
  header.writeUInt32LE(payload.length, 22);
  header.writeUInt16LE(name.length, 26);
  return Buffer.concat([header, name, payload]);
}

/** A hostile upload: its bytes, the name and type a browser (or attacker) would declare. */
export interface HostileFile {
  name: string;
  type: string;
  bytes: Buffer;
}

/** Files that must never become a master, each refused with a clear 4xx. */
export const hostile = {
  zeroBytes: (): HostileFile => ({ name: 'photo.jpg', type: 'image/jpeg', bytes: Buffer.alloc(0) }),
  /** A real JPEG cut at 60%: its header reads fine, its pixels end early. */
  truncatedJpeg: async (): Promise<HostileFile> => {
    const whole = await jpeg({ width: 1200, height: 900, seed: 7 });
    return { name: 'photo.jpg', type: 'image/jpeg', bytes: whole.subarray(0, Math.floor(whole.length * 0.6)) };
  },
  htmlNamedJpg: (): HostileFile => ({
    name: 'photo.jpg',
    type: 'image/jpeg',
    bytes: Buffer.from('<!DOCTYPE html><html><body><script>fetch("/api/me")</script></body></html>'),
  }),
  svgWithScript: (): HostileFile => ({
    name: 'photo.svg',
    type: 'image/svg+xml',
    bytes: Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="2000" height="2000"><script>alert(document.cookie)</script><rect width="2000" height="2000"/></svg>'),
  }),
  /** A valid PNG header claiming 30000 × 30000 (900 MP) with a tiny IDAT: a decompression bomb. */
  hugePng: (): HostileFile => ({ name: 'huge.png', type: 'image/png', bytes: bombPng(30_000, 30_000) }),
  animatedGif: async (): Promise<HostileFile> => ({ name: 'anim.gif', type: 'image/gif', bytes: await animated('gif') }),
  /** Animated WebP passes the type sniff (WebP is accepted) and must be caught by its frame count. */
  animatedWebp: async (): Promise<HostileFile> => ({ name: 'anim.webp', type: 'image/webp', bytes: await animated('webp') }),
  pdf: (): HostileFile => ({
    name: 'scan.jpg',
    type: 'image/jpeg',
    bytes: Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n'),
  }),
  /** The start of an iPhone photo: an ISO-BMFF `ftyp` box with the `heic` brand. */
  heic: (): HostileFile => ({
    name: 'IMG_0001.HEIC',
    type: 'image/heic',
    bytes: Buffer.concat([u32(24), Buffer.from('ftypheic'), u32(0), Buffer.from('mif1heic'), Buffer.alloc(2048)]),
  }),
};

async function animated(format: 'gif' | 'webp'): Promise<Buffer> {
  const frame = (background: string) => sharp({ create: { width: 900, height: 900, channels: 3, background } }).png().toBuffer();
  const image = sharp([await frame('#cc3333'), await frame('#3333cc')], { join: { animated: true } });
  return format === 'gif' ? image.gif().toBuffer() : image.webp().toBuffer();
}

/** A PNG whose header claims `width` × `height` but whose data holds only a few rows. */
function bombPng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const rows = Buffer.alloc((1 + width * 3) * 4); // filter byte + pixels, four rows of zeros
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed) >>> 0);
  return Buffer.concat([u32(data.length), typed, crc]);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}
