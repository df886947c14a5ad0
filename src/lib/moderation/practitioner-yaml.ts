import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isSeq, parseDocument, YAMLMap, YAMLSeq } from 'yaml';
import { writeFileAtomic } from '../files/index.ts';

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
  // practitioner.yaml is published content: flushed before the rename commits it.
  await writeFileAtomic(file, doc.toString(), { sync: true });
}
