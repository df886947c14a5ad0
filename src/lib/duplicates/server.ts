import { content } from '../content/server.ts';
import { listFingerprintedPhotos } from '../db/submission-photos.ts';
import { serverDatabase } from '../db/server.ts';
import { photoHashes } from '../images/phash.ts';
import { CopyLibrary } from './library.ts';

let library: CopyLibrary | undefined;

/** The server's copy library, loaded with every fingerprinted submitted photo at first use. Server-only. */
export function copyLibrary(): CopyLibrary {
  if (!library) {
    library = new CopyLibrary();
    for (const { photoId, fingerprint } of listFingerprintedPhotos(serverDatabase())) library.addSubmitted(photoId, fingerprint);
  }
  return library;
}

/** Brings the published part of the library up to date with the content (cheap when nothing changed). */
export async function syncPublishedCopies(): Promise<{ added: number; removed: number; hashed: number }> {
  const snapshot = await content.snapshot();
  return copyLibrary().syncPublished(snapshot.cases.values(), async (path) => (await photoHashes(path)).fingerprint);
}
