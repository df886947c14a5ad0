import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { encodeImage, type EncodedImage } from './encode.ts';
import type { MasterRef, VariantRecipe } from './types.ts';

/** One photo to encode, as posted to a worker (plain data: it crosses a thread boundary). */
export interface EncodeTask {
  /** The master and the SHA-256 case.yaml recorded for it. */
  master: MasterRef;
  /** The recipe to encode by. */
  recipe: VariantRecipe;
}

/** How one photo went: expected misses are a status, never a throw. */
export type EncodeOutcome =
  | { status: 'encoded'; image: EncodedImage }
  | { status: 'failed'; message: string };

/**
 * Reads a master, checks it is still the file case.yaml describes, and encodes it. Runs inside a
 * worker thread (or in-process when workers are unavailable); resolves, never rejects.
 */
export async function runEncodeTask({ master, recipe }: EncodeTask): Promise<EncodeOutcome> {
  let input: Buffer;
  try {
    input = await readFile(master.path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { status: 'failed', message: `missing file: ${master.path} does not exist; restore it or remove the photo from case.yaml` };
    return { status: 'failed', message: `cannot read ${master.path}: ${(error as Error).message}` };
  }
  // The variants are addressed by this hash: encoding a file that no longer matches would publish
  // pixels under someone else's (or a stale) address.
  const actual = createHash('sha256').update(input).digest('hex');
  if (actual !== master.sha256) {
    return {
      status: 'failed',
      message: `${master.path} changed since case.yaml was written (sha256 ${actual}, case.yaml says ${master.sha256}); run \`npm run check\` and fix the photo's sha256`,
    };
  }
  try {
    return { status: 'encoded', image: await encodeImage(input, recipe) };
  } catch (error) {
    return { status: 'failed', message: `cannot encode ${master.path}: ${(error as Error).message}` };
  }
}
