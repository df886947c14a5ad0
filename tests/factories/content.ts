import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach } from 'vitest';
import { stringify } from 'yaml';

/** Adds days to a YYYY-MM-DD date. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A valid practitioner.yaml object; override any field. */
export function practitionerYaml(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Test Practitioner',
    clinic: 'Test Clinic',
    bio: 'Fictional practitioner for tests.',
    city: 'Pune',
    country: 'IN',
    geo: { lat: 18.52, lng: 73.86 },
    languages: ['en', 'hi'],
    credentials: [{ title: 'SMP Certification', issuer: 'Test Academy', year: 2020, verified: true }],
    ...overrides,
  };
}

/** A photo entry; the file bytes decide its sha256 when written with `writePortfolio`. */
export function photoYaml(file: string, capturedAt: string, overrides: Record<string, unknown> = {}) {
  return { file, view: 'hairline', capturedAt, evidence: { level: 'camera-original' }, alt: `Hairline photo taken ${capturedAt}`, sha256: '0'.repeat(64), ...overrides };
}

/** A valid case.yaml object: two sessions, a before photo and a verified healed photo 90 days on. */
export function caseYaml(overrides: Record<string, unknown> = {}) {
  const first = '2025-01-10';
  const last = addDays(first, 21);
  return {
    treatment: 'male-pattern-baldness',
    profile: { norwood: 4, fitzpatrick: 'III' },
    sessions: [first, last],
    photos: [photoYaml('before.jpg', addDays(first, -3)), photoYaml('healed.jpg', addDays(last, 90), { claimedStage: 'healed' })],
    consent: { recordedAt: addDays(first, -5), faceVisible: false },
    notes: 'Test notes.',
    publishedAt: addDays(last, 100),
    ...overrides,
  };
}

const written: string[] = [];
// Registered at import, so it runs after the importing test file: its temp trees go with it.
afterAll(() => written.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Writes a portfolios/ tree into a temp folder. Photo files get distinct bytes and true sha256s. */
export async function writePortfolio(
  spec: Record<string, { practitioner: unknown; cases: Record<string, unknown> }>,
  options: { photoBytes?: (file: string, caseId: string) => Buffer; skipPhotos?: string[]; rawCaseYaml?: Record<string, string> } = {},
): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'healed-portfolios-'));
  written.push(root);
  for (const [slug, { practitioner, cases }] of Object.entries(spec)) {
    await mkdir(path.join(root, slug, 'cases'), { recursive: true });
    await writeFile(path.join(root, slug, 'practitioner.yaml'), stringify(practitioner));
    for (const [id, data] of Object.entries(cases)) {
      const dir = path.join(root, slug, 'cases', id);
      await mkdir(dir, { recursive: true });
      const photos = ((data as { photos?: { file: string; sha256: string }[] }).photos ?? []);
      for (const photo of photos) {
        if (options.skipPhotos?.includes(photo.file) || photo.file.includes('/')) continue;
        const bytes = options.photoBytes?.(photo.file, id) ?? Buffer.from(`${id}/${photo.file}`);
        await writeFile(path.join(dir, photo.file), bytes);
        photo.sha256 = createHash('sha256').update(bytes).digest('hex');
      }
      await writeFile(path.join(dir, 'case.yaml'), options.rawCaseYaml?.[id] ?? stringify(data));
    }
  }
  return root;
}

/**
 * A copy of the shipped portfolios/ in a temp folder for each test (tests edit and delete files
 * in it): `dir` holds `portfolios/`, and anything else a test writes; removed after each test.
 */
export function shippedPortfoliosCopy(prefix: string): { readonly dir: string; readonly portfoliosDir: string } {
  const paths = { dir: '', portfoliosDir: '' };
  beforeEach(() => {
    paths.dir = mkdtempSync(path.join(tmpdir(), `healed-${prefix}-`));
    paths.portfoliosDir = path.join(paths.dir, 'portfolios');
    cpSync('portfolios', paths.portfoliosDir, { recursive: true });
  });
  afterEach(() => rmSync(paths.dir, { recursive: true, force: true }));
  return paths;
}
