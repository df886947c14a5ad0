import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeAtomic, writeFileAtomic } from '../../src/lib/files/index.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'healed-atomic-'));
  dirs.push(dir);
  return dir;
};

describe('writeAtomic', () => {
  it('writes the whole file with the given mode, leaving no temp file', async () => {
    const dir = tempDir();
    await writeFileAtomic(path.join(dir, 'case.yaml'), 'id: x\n', { mode: 0o600, sync: true });
    expect(readFileSync(path.join(dir, 'case.yaml'), 'utf8')).toBe('id: x\n');
    expect(statSync(path.join(dir, 'case.yaml')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['case.yaml']);
  });

  it('keeps the old file whole and removes the temp when the write fails half-way', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'practitioner.yaml');
    writeFileSync(file, 'name: Ana\n');
    const failing = writeAtomic(file, async (handle) => {
      await handle.write('name: Ana Rib');
      throw new Error('disk full');
    });
    await expect(failing).rejects.toThrow('disk full');
    expect(readFileSync(file, 'utf8')).toBe('name: Ana\n');
    expect(readdirSync(dir)).toEqual(['practitioner.yaml']);
  });

  it('returns what the writer returned (a streamed original\'s size and hash)', async () => {
    const dir = tempDir();
    expect(await writeAtomic(path.join(dir, 'a'), async (handle) => (await handle.write('abc'), { size: 3 }))).toEqual({ size: 3 });
  });
});
