import { uploadFileBytes } from '../../../lib/http/limits.ts';

const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/**
 * Why a chosen file cannot be uploaded at all, said before a byte is sent, or undefined. The
 * server refuses it anyway (413), but a phone still sending 40 MB when that answer comes may show
 * a dropped connection instead of the reason. Pure.
 */
export function fileTooLarge(size: number, limit = uploadFileBytes): { message: string; hint: string } | undefined {
  if (size <= limit) return undefined;
  return { message: `This photo is ${mb(size)}; the limit is ${mb(limit)}.`, hint: 'Export it as JPEG at a smaller size or lower quality, then add it again.' };
}
