import { CopyIndex } from './copy-index.ts';
import { textToFingerprint } from './codec.ts';
import type { Fingerprint, Probes } from './types.ts';

/** Who a photo in the library is. */
export type PhotoRef =
  | { kind: 'submission'; photoId: string }
  | { kind: 'published'; practitionerSlug: string; caseId: string; file: string };

/** A published case as the content gives it; the same object means the same content (not re-read). */
export interface PublishedCaseSource {
  id: string;
  practitionerSlug: string;
  photos: readonly {
    file: string;
    sha256: string;
    /** Path of the master, hashed when case.yaml carries no fingerprint (content older than them). */
    path: string;
    fingerprint?: string;
  }[];
}

const submissionRef = (photoId: string) => `photo:${photoId}`;
const publishedRef = (kase: PublishedCaseSource, file: string) => `published:${kase.practitionerSlug}/${kase.id}/${file}`;

function parseRef(ref: string): PhotoRef | undefined {
  if (ref.startsWith('photo:')) return { kind: 'submission', photoId: ref.slice(6) };
  const m = /^published:([^/]+)\/([^/]+)\/(.+)$/.exec(ref);
  return m ? { kind: 'published', practitionerSlug: m[1]!, caseId: m[2]!, file: m[3]! } : undefined;
}

/**
 * The one copy index of the whole site: every submitted photo and every published one. Submitted
 * photos are added as they are ingested; published ones are synced from the content (after each
 * publish or withdrawal, at start and by `npm run index`).
 */
export class CopyLibrary {
  readonly index = new CopyIndex();
  /** The case objects last synced, by id, with the refs they put in: an unchanged object is skipped. */
  private readonly publishedCases = new Map<string, { source: PublishedCaseSource; refs: string[] }>();
  /** Fingerprints computed from masters (content without fingerprints), by sha256. */
  private readonly computed = new Map<string, Fingerprint>();

  addSubmitted(photoId: string, fingerprint: string | Fingerprint): void {
    this.index.put(submissionRef(photoId), typeof fingerprint === 'string' ? textToFingerprint(fingerprint) : fingerprint);
  }

  removeSubmitted(photoId: string): void {
    this.index.remove(submissionRef(photoId));
  }

  /**
   * Makes the published part of the index match `cases`: adds what is new or changed (a case
   * object that is not the one synced last time), removes cases that are gone. `hashFile`
   * fingerprints a master whose case.yaml has none. Cheap when nothing changed: one pass over ids.
   */
  async syncPublished(cases: Iterable<PublishedCaseSource>, hashFile: (path: string) => Promise<Fingerprint>): Promise<{ added: number; removed: number; hashed: number }> {
    let added = 0, removed = 0, hashed = 0;
    const seen = new Set<string>();
    const changed: PublishedCaseSource[] = [];
    for (const kase of cases) {
      seen.add(kase.id);
      if (this.publishedCases.get(kase.id)?.source !== kase) changed.push(kase);
    }
    for (const [id, synced] of this.publishedCases) {
      if (seen.has(id)) continue;
      synced.refs.forEach((ref) => this.index.remove(ref));
      removed += synced.refs.length;
      this.publishedCases.delete(id);
    }
    for (const [n, kase] of changed.entries()) {
      // At start every case is new (~0.6 s at 100k): yield now and then, pages are being answered.
      if (n % 2_000 === 1_999) await new Promise((resolve) => setImmediate(resolve));
      this.publishedCases.get(kase.id)?.refs.forEach((ref) => this.index.remove(ref));
      const refs: string[] = [];
      for (const photo of kase.photos) {
        let fingerprint = photo.fingerprint ? textToFingerprint(photo.fingerprint) : this.computed.get(photo.sha256);
        if (!fingerprint) {
          try {
            fingerprint = await hashFile(photo.path);
          } catch {
            continue; // an unreadable master is reported by `npm run check`; it has no copies to find
          }
          this.computed.set(photo.sha256, fingerprint);
          hashed++;
        }
        const ref = publishedRef(kase, photo.file);
        this.index.put(ref, fingerprint);
        refs.push(ref);
        added++;
      }
      this.publishedCases.set(kase.id, { source: kase, refs });
    }
    return { added, removed, hashed };
  }

  /** Photos this one is a copy of (or that are copies of it), nearest first. */
  findCopies(probes: Probes): { ref: PhotoRef; distance: number }[] {
    return this.index.findCopies(probes).flatMap(({ ref, distance }) => {
      const parsed = parseRef(ref);
      return parsed ? [{ ref: parsed, distance }] : [];
    });
  }
}
