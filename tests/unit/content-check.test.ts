import { describe, expect, it } from 'vitest';
import { formatProblem, readPortfolios, treatments } from '../../src/lib/content/index.ts';
import { addDays, caseYaml, photoYaml, practitionerYaml, writePortfolio } from '../factories/content.ts';

const today = new Date('2026-06-01T12:00:00Z');

/** Reads a one-case portfolio and returns its problem lines. */
async function problemsOf(kase: Record<string, unknown>, options: Parameters<typeof writePortfolio>[1] = {}) {
  const dir = await writePortfolio({ 'test-pr': { practitioner: practitionerYaml(), cases: { 'case-one': kase } } }, options);
  const snap = await readPortfolios(dir, { today, displayRoot: dir });
  return { snap, lines: snap.problems.map(formatProblem) };
}

describe('readPortfolios', () => {
  it('accepts a valid case and keeps its folder names as ids', async () => {
    const { snap, lines } = await problemsOf(caseYaml());
    expect(lines).toEqual([]);
    expect([...snap.practitioners.keys()]).toEqual(['test-pr']);
    expect(snap.cases.get('case-one')?.practitionerSlug).toBe('test-pr');
    expect(snap.cases.get('case-one')?.photos[0]?.path).toMatch(/case-one\/before\.jpg$/);
  });

  it('names the file, the field and the allowed treatments for an unknown treatment', async () => {
    const { snap, lines } = await problemsOf(caseYaml({ treatment: 'hair-tattoo' }));
    expect(snap.cases.size).toBe(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('test-pr/cases/case-one/case.yaml: treatment');
    expect(lines[0]).toContain('hair-tattoo');
    for (const t of treatments) expect(lines[0]).toContain(t);
  });

  it('reports a missing photo file', async () => {
    const { lines } = await problemsOf(caseYaml(), { skipPhotos: ['healed.jpg'] });
    expect(lines.join('\n')).toMatch(/photos\[1\]\.file: photo file "healed\.jpg" is missing\. Fix: /);
  });

  it('refuses a photo path that escapes its case folder', async () => {
    const kase = caseYaml();
    (kase.photos as Record<string, unknown>[])[1] = photoYaml('../../other/secret.jpg', '2025-06-01');
    const { lines } = await problemsOf(kase);
    expect(lines.join('\n')).toMatch(/photos\[1\]\.file: "\.\.\/\.\.\/other\/secret\.jpg" escapes its case folder/);
  });

  it('reads touch-ups, a client confirmation and a photo the client added', async () => {
    const kase = caseYaml();
    const last = (kase.sessions as string[]).at(-1)!;
    (kase.photos as Record<string, unknown>[])[1]!.addedBy = 'client';
    const { snap, lines } = await problemsOf({ ...kase, touchUps: [addDays(last, 400)], clientConfirmation: { confirmedAt: '2026-05-01' } });
    expect(lines).toEqual([]);
    const read = snap.cases.get('case-one')!;
    expect(read.touchUps?.map((t) => t.toISOString().slice(0, 10))).toEqual([addDays(last, 400)]);
    expect(read.clientConfirmation?.confirmedAt.toISOString().slice(0, 10)).toBe('2026-05-01');
    expect(read.photos[1]?.addedBy).toBe('client');
  });

  it('refuses a touch-up that is not after the last session, or in the future', async () => {
    const kase = caseYaml();
    const last = (kase.sessions as string[]).at(-1)!;
    const { lines } = await problemsOf({ ...kase, touchUps: [last, '2026-07-01'], clientConfirmation: { confirmedAt: '2026-08-01' } });
    const text = lines.join('\n');
    expect(text).toContain(`touchUps[0]: is not after the last session (${last})`);
    expect(text).toContain('touchUps[1]: is in the future (2026-07-01)');
    expect(text).toContain('clientConfirmation.confirmedAt: is in the future (2026-08-01)');
  });

  it('refuses dates in the future', async () => {
    const kase = caseYaml();
    (kase.photos as Record<string, unknown>[])[1]!.capturedAt = '2026-07-01';
    const { lines } = await problemsOf(kase);
    expect(lines.join('\n')).toContain('photos[1].capturedAt: is in the future (2026-07-01)');
  });

  it('refuses a healed photo dated before a session', async () => {
    const kase = caseYaml();
    const sessions = kase.sessions as string[];
    (kase.photos as Record<string, unknown>[])[1]!.capturedAt = addDays(sessions[1]!, -3);
    const { lines } = await problemsOf(kase);
    expect(lines.join('\n')).toMatch(/photos\[1\]\.capturedAt: healed photo dated \S+, before the session of/);
  });

  it('requires consent and alt text, saying how to add them', async () => {
    const { consent: _dropped, ...kase } = caseYaml();
    delete (kase.photos as Record<string, unknown>[])[0]!.alt;
    const { lines } = await problemsOf(kase);
    const text = lines.join('\n');
    expect(text).toMatch(/: consent: is missing\. Fix: record the client's permission/);
    expect(text).toMatch(/: photos\[0\]\.alt: is missing\. Fix: describe what the photo shows/);
  });

  it('refuses expired consent', async () => {
    const { lines } = await problemsOf(caseYaml({ consent: { recordedAt: '2024-12-01', faceVisible: false, expiresAt: '2026-01-01' } }));
    expect(lines.join('\n')).toContain('consent.expiresAt: consent expired on 2026-01-01');
  });

  it('leaves out one bad file and serves the rest', async () => {
    const dir = await writePortfolio({
      'good-one': { practitioner: practitionerYaml(), cases: { 'good-case': caseYaml(), 'bad-case': caseYaml({ treatment: 'nope' }) } },
      'bad-one': { practitioner: practitionerYaml({ country: 'XX' }), cases: { 'orphan-case': caseYaml() } },
      'dup-owner': { practitioner: practitionerYaml(), cases: { 'good-case': caseYaml() } },
    });
    const snap = await readPortfolios(dir, { today, displayRoot: dir });
    expect([...snap.cases.keys()]).toEqual(['good-case']);
    expect([...snap.practitioners.keys()].sort()).toEqual(['dup-owner', 'good-one']);
    expect(snap.invalidFiles).toBe(3);
    expect(snap.problems.map((p) => p.file).sort()).toEqual([
      'bad-one/practitioner.yaml', 'good-one/cases/bad-case/case.yaml', 'good-one/cases/good-case/case.yaml',
    ]);
  });
});
