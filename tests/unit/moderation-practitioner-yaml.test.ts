/** Verifying a credential edits practitioner.yaml in place: comments kept, entry marked or appended, atomic replace. */
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { markCredentialVerified } from '../../src/lib/moderation/practitioner-yaml.ts';

function portfolio(text: string): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'healed-yaml-'));
  mkdirSync(path.join(dir, 'ana'));
  const file = path.join(dir, 'ana', 'practitioner.yaml');
  writeFileSync(file, text);
  return { dir, file };
}

const profile = `# A comment that must survive.
name: Ana
credentials:
  - title: Course A
    issuer: Academy
    year: 2016
    verified: false
`;

describe('markCredentialVerified', () => {
  it('marks the matching entry verified and keeps comments', async () => {
    const { dir, file } = portfolio(profile);
    await markCredentialVerified(dir, 'ana', { title: 'Course A', issuer: 'Academy', year: 2016 });
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('# A comment that must survive.')).toBe(true);
    expect(parse(text).credentials).toEqual([{ title: 'Course A', issuer: 'Academy', year: 2016, verified: true }]);
    expect(readdirSync(path.join(dir, 'ana'))).toEqual(['practitioner.yaml']);
  });

  it('appends a new credential verified, creating the list when absent', async () => {
    const { dir, file } = portfolio('name: Ana\n');
    await markCredentialVerified(dir, 'ana', { title: 'Course B', issuer: 'Society', year: 2024 });
    expect(parse(readFileSync(file, 'utf8'))).toEqual({ name: 'Ana', credentials: [{ title: 'Course B', issuer: 'Society', year: 2024, verified: true }] });
  });
});
