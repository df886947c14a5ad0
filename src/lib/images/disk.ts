import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../files/index.ts';
import type { PhotoVariants, VariantFormat } from './types.ts';

/** File helpers of the variant store: atomic writes and trusted-only manifest reads. */

/**
 * Writes a variant file atomically. No fsync: variants are derived data, and a torn set after a
 * power cut has no manifest, so it is simply made again.
 */
export function writeAtomic(file: string, data: Uint8Array | string): Promise<void> {
  return writeFileAtomic(file, data);
}

/** True when an error only says the file or folder is not there. */
export function isMissing(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

const formats: readonly VariantFormat[] = ['avif', 'webp', 'jpeg'];
const isSize = (n: unknown): n is number => Number.isInteger(n) && (n as number) > 0;

/**
 * Reads a manifest and checks it really describes `sha256` under `recipeId`. A missing, torn or
 * foreign manifest reads as `undefined`, so `ensure()` simply makes the set again.
 */
export async function readManifest(file: string, sha256: string, recipeId: string): Promise<PhotoVariants | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
  return manifestOf(text, sha256, recipeId);
}

/**
 * `readManifest` on this thread: ~15 µs for a manifest in the page cache, where the thread pool
 * takes four trips (open, stat, read, close) for each. For reading thousands in short slices.
 */
export function readManifestSync(file: string, sha256: string, recipeId: string): PhotoVariants | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
  return manifestOf(text, sha256, recipeId);
}

/** A manifest's text, parsed and checked; torn JSON reads as `undefined`. */
function manifestOf(text: string, sha256: string, recipeId: string): PhotoVariants | undefined {
  try {
    return validManifest(JSON.parse(text) as Partial<PhotoVariants>, sha256, recipeId);
  } catch {
    return undefined;
  }
}

/** The manifest, when it really describes `sha256` under `recipeId`. */
function validManifest(value: Partial<PhotoVariants>, sha256: string, recipeId: string): PhotoVariants | undefined {
  const valid =
    value?.sha256 === sha256 &&
    value.recipeId === recipeId &&
    isSize(value.width) &&
    isSize(value.height) &&
    typeof value.placeholder === 'string' &&
    value.placeholder.startsWith('data:image/webp;base64,') &&
    Array.isArray(value.widths) && value.widths.length > 0 && value.widths.every(isSize) &&
    Array.isArray(value.heights) && value.heights.length === value.widths.length && value.heights.every(isSize) &&
    Array.isArray(value.formats) && value.formats.length > 0 && value.formats.every((f) => formats.includes(f));
  return valid ? (value as PhotoVariants) : undefined;
}
