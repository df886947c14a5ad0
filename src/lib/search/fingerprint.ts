import { createHash } from 'node:crypto';
import type { CaseDocument } from './types.ts';

// Bump when documents keep their shape but the way they are indexed changes (e.g. tokenizing).
const indexVersion = 1;

/**
 * A short hash of the whole document list (ids, dates, thumbnails, text: every field). The same
 * content always gives the same fingerprint, so a start can skip rebuilding an index that
 * already holds exactly these documents, and any edit (a renamed practitioner, a thumbnail that
 * landed) makes it stale.
 */
export function documentsFingerprint(docs: readonly CaseDocument[]): string {
  const hash = createHash('sha256').update(`healed-search-v${indexVersion}\n`);
  const ordered = [...docs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const doc of ordered) {
    // Keys sorted so the hash does not depend on how an object happened to be built. (Not a
    // replacer array: that would also filter the keys of `_geo`.)
    const entries = Object.keys(doc).sort().map((key) => [key, doc[key as keyof CaseDocument]]);
    hash.update(JSON.stringify(entries)).update('\n');
  }
  return hash.digest('hex').slice(0, 32);
}
