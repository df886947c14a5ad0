import { readFile } from 'node:fs/promises';
import { createC2paReader, type C2paReader } from './c2pa-reader.ts';
import { readFileMetadata } from './metadata.ts';
import { decideEvidence } from './rules.ts';
import type { PhotoEvidence } from './types.ts';

/** What ingest already knows about the original when it asks for its evidence. */
export interface EvidenceFacts {
  /** MIME type sniffed from the bytes, e.g. `image/jpeg`. */
  mime: string;
  /** EXIF capture day found by ingest, when plausible. */
  exifCapturedDay?: string;
  /** The EXIF block the decoder found in the header (for WebP and AVIF). */
  exifBlock?: Uint8Array;
}

/** Assesses originals: one C2PA reader (a worker thread) shared by every upload. */
export interface EvidenceAssessor {
  assess(bytes: Uint8Array, facts: EvidenceFacts): Promise<PhotoEvidence>;
  close(): Promise<void>;
}

/** An assessor trusting the certificates in `trustAnchorsFile` (PEM); the file is read at first use. */
export function createEvidenceAssessor(options: { trustAnchorsFile: string; timeoutMs?: number }): EvidenceAssessor {
  let reader: Promise<C2paReader> | undefined;
  const readerOf = () =>
    (reader ??= readFile(options.trustAnchorsFile, 'utf8').then(
      (trustAnchors) => createC2paReader({ trustAnchors, timeoutMs: options.timeoutMs }),
      (error: Error) => {
        reader = undefined; // a missing file is retried at the next upload, once fixed
        throw new Error(`C2PA_TRUST_ANCHORS: cannot read ${options.trustAnchorsFile} (${error.message}): point it at a PEM file of certificates.`, { cause: error });
      },
    ));
  return {
    async assess(bytes, facts) {
      // The two reads are independent; the C2PA one runs on its own thread meanwhile.
      const [c2pa, metadata] = await Promise.all([
        readerOf().then((r) => r.read(bytes, facts.mime), (error: Error) => ({ state: 'unreadable' as const, error: error.message })),
        readFileMetadata(bytes, facts.exifBlock),
      ]);
      return decideEvidence({ c2pa, metadata, exifCapturedDay: facts.exifCapturedDay });
    },
    async close() {
      const current = reader;
      reader = undefined;
      await current?.then((r) => r.close(), () => undefined);
    },
  };
}
