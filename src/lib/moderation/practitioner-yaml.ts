import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isSeq, parseDocument, YAMLMap, YAMLSeq } from 'yaml';

/** A credential as it appears in practitioner.yaml. */
export interface YamlCredential {
  title: string;
  issuer: string;
  year: number;
}

/**
 * Marks a credential verified in `portfolios/<slug>/practitioner.yaml`: the entry with the same
 * title, issuer and year gets `verified: true`, or is appended verified. The document is edited
 * as YAML (comments and order kept) and replaced atomically (temp file in the same folder, fsync,
 * rename): a reader never sees a half-written profile.
 */
export async function markCredentialVerified(portfoliosDir: string, slug: string, credential: YamlCredential): Promise<void> {
  const file = path.join(portfoliosDir, slug, 'practitioner.yaml');
  const doc = parseDocument(await readFile(file, 'utf8'));
  let list = doc.get('credentials');
  if (!isSeq(list)) {
    list = new YAMLSeq();
    doc.set('credentials', list);
  }
  const seq = list as YAMLSeq;
  const same = (item: unknown) => isMap(item) && item.get('title') === credential.title && item.get('issuer') === credential.issuer && Number(item.get('year')) === credential.year;
  const existing = seq.items.find(same) as YAMLMap | undefined;
  if (existing) existing.set('verified', true);
  else seq.add(doc.createNode({ title: credential.title, issuer: credential.issuer, year: credential.year, verified: true }));
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(doc.toString());
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
