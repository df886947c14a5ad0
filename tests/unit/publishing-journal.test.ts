/**
 * The publish step machine and withdrawal in process, on a temp DATA_DIR and a temp portfolios/:
 * the real database, masters store, variant store (sharp), content repository and embedded search.
 * A crash is simulated by a fault hook that throws right after a step is recorded; a "restart"
 * builds a fresh content repository and search index and runs `resumeUnfinished`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createContentRepository, type ContentRepository } from '../../src/lib/content/repository.ts';
import { readCase } from '../../src/lib/content/read-portfolios.ts';
import { createDatabase, insertUser, listAuditEvents, type Database } from '../../src/lib/db/index.ts';
import { findPublishJournal, publishSteps, type JournalStep } from '../../src/lib/db/publish-journal.ts';
import { insertSubmissionPhoto } from '../../src/lib/db/submission-photos.ts';
import { changeSubmissionStatus, findSubmission, insertSubmission } from '../../src/lib/db/submissions.ts';
import { findWithdrawal } from '../../src/lib/db/withdrawals.ts';
import { createVariantStore } from '../../src/lib/images/variant-store.ts';
import { publishSubmission, resumeUnfinished, withdrawCase, type PublishingDeps } from '../../src/lib/publishing/index.ts';
import { createEmbeddedSearchIndex } from '../../src/lib/search/embedded.ts';
import { indexCase, indexContent } from '../../src/lib/search/reindex.ts';
import type { SearchIndex } from '../../src/lib/search/types.ts';
import { createMasterStore } from '../../src/lib/storage/masters.ts';
import { jpeg } from '../factories/photos.ts';
import { practitionerYaml } from '../factories/content.ts';
import { afterLast, defaultSessions, photoRecord, submissionBody } from '../factories/submissions.ts';

const now = () => new Date('2026-01-15T12:00:00Z');
let dir: string;
let portfoliosDir: string;
let db: Database;
let ownerId: number;
const deletedOriginals: string[] = [];
/** Tags each publish or withdrawal invalidated, in order. */
const invalidated: string[][] = [];
const masters = () => createMasterStore({ dir: path.join(dir, 'masters') });
const variants = () => createVariantStore({ dir: path.join(dir, 'variants'), workers: 1 });

/** A "process": its own content repository, search index (built at start) and variant memo over the shared folders. */
async function boot(afterStep?: (step: JournalStep) => void): Promise<PublishingDeps & { search: SearchIndex; variants: ReturnType<typeof variants> }> {
  const content: ContentRepository = createContentRepository({ portfoliosDir });
  const search = createEmbeddedSearchIndex();
  await search.init();
  const store = variants();
  // As the server's start-up does: the index is built from portfolios/ before journals resume.
  await indexContent(search, content, store);
  return {
    db, portfoliosDir, masters: masters(), variants: store, content, search,
    indexCase: (id) => indexCase(search, content, store, id),
    originals: { deleteOriginal: async (key) => void deletedOriginals.push(key) },
    originalsRetention: 'delete', now, afterStep,
    invalidateCache: async (tags) => (invalidated.push(tags), 'no-shared-cache'),
  };
}

/** An approved submission of four photos; the same `seeds` give the same master bytes. */
async function approvedSubmission(seeds = [1, 2, 3, 4]): Promise<string> {
  const id = randomBytes(16).toString('base64url');
  const body = submissionBody() as never as { treatment: 'male-pattern-baldness'; profile: { norwood: number; fitzpatrick: 'III' }; sessions: string[]; notes: string; consent: { recordedAt: string; faceVisible: boolean; attested: true } };
  insertSubmission(db, { id, ownerUserId: ownerId, practitionerSlug: 'ana-ribeiro', ...body }, now());
  const views = ['hairline', 'crown', 'top', 'hairline'] as const;
  const days = [-30, 5, 90, 120];
  for (const [i, seed] of seeds.entries()) {
    const master = await jpeg({ width: 640, height: 480, seed });
    const sha256 = createHash('sha256').update(master).digest('hex');
    await masters().put({ sha256, master, preview: master });
    insertSubmissionPhoto(db, photoRecord({
      id: randomBytes(16).toString('base64url'), submissionId: id, view: views[i]!, originalKey: `orig-${id}-${i}`,
      originalSha256: sha256, masterSha256: sha256, width: 640, height: 480, originalShortSide: 480,
      declaredCapturedAt: afterLast(days[i]!), capturedAt: afterLast(days[i]!), uploadedAt: `2025-06-01T00:00:0${i}.000Z`,
    }));
  }
  changeSubmissionStatus(db, id, { from: 'draft', to: 'approved' });
  return id;
}

/** Every file of a case folder with its bytes. */
function folder(caseId: string): Record<string, string> {
  const at = path.join(portfoliosDir, 'ana-ribeiro', 'cases', caseId);
  return Object.fromEntries(readdirSync(at).sort().map((name) => [name, createHash('sha256').update(readFileSync(path.join(at, name))).digest('hex')]));
}
const leftovers = () => readdirSync(path.join(portfoliosDir, 'ana-ribeiro', 'cases')).filter((n) => n.startsWith('.'));
const found = async (search: SearchIndex, id: string) => (await search.search({ q: '', page: 1 } as never)).hits.some((h) => h.id === id);

let reference: { caseId: string; files: Record<string, string> };

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'healed-publishing-'));
  portfoliosDir = path.join(dir, 'portfolios');
  await mkdir(path.join(portfoliosDir, 'ana-ribeiro'), { recursive: true });
  await writeFile(path.join(portfoliosDir, 'ana-ribeiro', 'practitioner.yaml'), stringify(practitionerYaml({ name: 'Ana Ribeiro' })));
  db = createDatabase(path.join(dir, 'data'));
  ownerId = insertUser(db, { email: 'ana@example.test', passwordHash: 'unused', role: 'practitioner', practitionerSlug: 'ana-ribeiro' }).id;
}, 60_000);
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('publishSubmission', () => {
  it('publishes an approved submission: folder, variants, content, search, status live, audit per step', async () => {
    const deps = await boot();
    const id = await approvedSubmission();
    const result = await publishSubmission(deps, id, { actorUserId: 7 });
    expect(result).toMatchObject({ submissionId: id, status: 'live', caseId: expect.stringMatching(/^ana-ribeiro-mpb-[a-z0-9]{8,}$/) });
    expect(findSubmission(db, id)!.status).toBe('live');
    const { kase, problems } = await readCase(portfoliosDir, 'ana-ribeiro', result.caseId, { today: now() });
    expect(problems).toEqual([]);
    expect(kase!.photos.map((p) => p.file)).toEqual(['hairline-1.jpg', 'crown-1.jpg', 'top-1.jpg', 'hairline-2.jpg']);
    expect(kase!.sessions.map((d) => d.toISOString().slice(0, 10))).toEqual(defaultSessions);
    expect(await deps.content.case(result.caseId)).toBeDefined();
    expect(await found(deps.search, result.caseId)).toBe(true);
    for (const p of kase!.photos) expect(await deps.variants.get(p.sha256)).toBeDefined();
    const actions = listAuditEvents(db, { subject: `submission:${id}` }).map((e) => e.action).reverse();
    expect(actions).toEqual(['submission.publishing', ...publishSteps.map((s) => `publish.step.${s}`), 'submission.live']);
    expect(leftovers()).toEqual([]);
    reference = { caseId: result.caseId, files: folder(result.caseId) };
  }, 60_000);

  it('is idempotent: publishing again changes nothing and records nothing', async () => {
    const deps = await boot();
    const id = findPublishJournalByCaseId(reference.caseId);
    const events = listAuditEvents(db).length;
    expect(await publishSubmission(deps, id, { actorUserId: 7 })).toMatchObject({ caseId: reference.caseId, status: 'live' });
    expect(listAuditEvents(db).length).toBe(events);
    expect(folder(reference.caseId)).toEqual(reference.files);
  });

  it('refuses a submission that is not approved (409) or does not exist (404)', async () => {
    const deps = await boot();
    const id = await approvedSubmission();
    changeSubmissionStatus(db, id, { from: 'approved', to: 'rejected' });
    await expect(publishSubmission(deps, id, { actorUserId: 7 })).rejects.toMatchObject({ status: 409, code: 'not-approved' });
    await expect(publishSubmission(deps, 'no-such-submission-id', { actorUserId: 7 })).rejects.toMatchObject({ status: 404 });
  });

  it.each(publishSteps.filter((s) => s !== 'live'))('resumes a publish stopped right after %s to an identical folder and index state', async (stopAfter) => {
    const id = await approvedSubmission();
    class Crash extends Error {}
    const crashing = await boot((step) => {
      if (step === stopAfter) throw new Crash(`stopped after ${step}`);
    });
    await expect(publishSubmission(crashing, id, { actorUserId: 7 })).rejects.toBeInstanceOf(Crash);
    expect(findPublishJournal(db, id)!.doneStep).toBe(stopAfter);
    expect(findSubmission(db, id)!.status).toBe('publishing');

    const restarted = await boot();
    await restarted.content.snapshot();
    invalidated.length = 0;
    const report = await resumeUnfinished(restarted);
    const caseId = findPublishJournal(db, id)!.caseId;
    expect(report).toEqual({ published: [caseId], withdrawn: [], failed: [] });
    // Other instances and the shared cache still held the old pages: the resumed publish purges them.
    const purged = publishSteps.indexOf(stopAfter) < publishSteps.indexOf('cache') ? [[`case:${caseId}`, 'practitioner:ana-ribeiro', 'listing']] : [];
    expect(invalidated).toEqual(purged);
    expect(findSubmission(db, id)!.status).toBe('live');
    expect(folder(caseId)).toEqual(reference.files);
    expect(await restarted.content.case(caseId)).toBeDefined();
    expect(await found(restarted.search, caseId)).toBe(true);
    expect(leftovers()).toEqual([]);
    expect((await resumeUnfinished(restarted)).published).toEqual([]);
  }, 60_000);

  it('finishes an approved submission whose publish never started', async () => {
    const id = await approvedSubmission();
    const report = await resumeUnfinished(await boot());
    expect(report.published).toEqual([findPublishJournal(db, id)!.caseId]);
    expect(findSubmission(db, id)!.status).toBe('live');
  }, 60_000);
});

function findPublishJournalByCaseId(caseId: string): string {
  return (db.prepare('SELECT submission_id FROM publish_journal WHERE case_id = ?').get(caseId) as { submission_id: string }).submission_id;
}

describe('withdrawCase', () => {
  it('removes the folder, the content, the search document, the variants and the originals, behind a tombstone', async () => {
    const deps = await boot();
    const id = await approvedSubmission([101, 102, 103, 104]);
    const { caseId } = await publishSubmission(deps, id, { actorUserId: 7 });
    const shas = (await deps.content.case(caseId))!.photos.map((p) => p.sha256);
    invalidated.length = 0;
    const done = await withdrawCase(deps, caseId, { actorUserId: 7, reason: 'client revoked consent' });
    expect(done).toMatchObject({ caseId, practitionerSlug: 'ana-ribeiro', submissionId: id, reason: 'client revoked consent', completedAt: expect.any(String) });
    expect(existsSync(path.join(portfoliosDir, 'ana-ribeiro', 'cases', caseId))).toBe(false);
    expect(leftovers()).toEqual([]);
    expect(await deps.content.case(caseId)).toBeUndefined();
    expect(await found(deps.search, caseId)).toBe(false);
    for (const sha of shas) {
      expect(await deps.variants.get(sha)).toBeUndefined();
      expect(await masters().has(sha)).toBe(false);
    }
    expect(deletedOriginals.filter((k) => k.startsWith(`orig-${id}-`))).toHaveLength(4);
    // Its pages, and the /img answers of the photos whose variants were deleted.
    expect(invalidated).toEqual([[`case:${caseId}`, 'practitioner:ana-ribeiro', 'listing', ...shas.map((sha) => `photo:${sha}`)]]);
    expect(findSubmission(db, id)!.status).toBe('withdrawn');
    expect(findWithdrawal(db, caseId)).toBeDefined();
    expect(listAuditEvents(db, { subject: `case:${caseId}` }).map((e) => e.action)).toEqual(['case.withdraw.done', 'case.withdraw']);
    // The reference case shares no photo with it and is untouched.
    expect(folder(reference.caseId)).toEqual(reference.files);
    // Withdrawing again is a no-op; publishing it again is refused.
    expect((await withdrawCase(deps, caseId, { actorUserId: 7 })).completedAt).toBe(done.completedAt);
    await expect(publishSubmission(deps, id, { actorUserId: 7 })).rejects.toMatchObject({ status: 409 });
  }, 60_000);

  it('keeps the variants of a photo another live case still shows', async () => {
    const deps = await boot();
    const id = await approvedSubmission();
    const { caseId } = await publishSubmission(deps, id, { actorUserId: 7 });
    await withdrawCase(deps, caseId, { actorUserId: 7 });
    for (const p of (await deps.content.case(reference.caseId))!.photos) expect(await variants().get(p.sha256)).toBeDefined();
  }, 60_000);

  it('keeps originals and masters when ORIGINALS_RETENTION is keep', async () => {
    const deps = { ...(await boot()), originalsRetention: 'keep' as const };
    const id = await approvedSubmission([201, 202, 203, 204]);
    const { caseId } = await publishSubmission(deps, id, { actorUserId: 7 });
    const shas = (await deps.content.case(caseId))!.photos.map((p) => p.sha256);
    await withdrawCase(deps, caseId, { actorUserId: 7 });
    expect(deletedOriginals.filter((k) => k.startsWith(`orig-${id}-`))).toEqual([]);
    for (const sha of shas) {
      expect(await masters().has(sha)).toBe(true);
      expect(await deps.variants.get(sha)).toBeUndefined();
    }
  }, 60_000);

  it('answers 404 for a case that is not live', async () => {
    await expect(withdrawCase(await boot(), 'no-such-case', { actorUserId: 7 })).rejects.toMatchObject({ status: 404 });
  });
});

describe('follow-ups', () => {
  /** An approved follow-up of a live case: a touch-up, and photos `days` after the last session. */
  async function approvedFollowUp(caseId: string, touchUp: string, photos: Array<{ seed: number; day: string; view: 'hairline' | 'crown' }>): Promise<string> {
    const id = randomBytes(16).toString('base64url');
    const kase = (await readCase(portfoliosDir, 'ana-ribeiro', caseId)).kase!;
    const body = submissionBody() as never as Parameters<typeof insertSubmission>[1];
    insertSubmission(db, { ...body, id, ownerUserId: ownerId, practitionerSlug: 'ana-ribeiro', followUp: { caseId, touchUp, touchUps: [touchUp] } }, now());
    for (const [i, photo] of photos.entries()) {
      const master = await jpeg({ width: 640, height: 480, seed: photo.seed });
      const sha256 = createHash('sha256').update(master).digest('hex');
      await masters().put({ sha256, master, preview: master });
      insertSubmissionPhoto(db, photoRecord({
        id: randomBytes(16).toString('base64url'), submissionId: id, view: photo.view, originalKey: `orig-${id}-${i}`, originalSha256: sha256, masterSha256: sha256,
        width: 640, height: 480, originalShortSide: 480, declaredCapturedAt: photo.day, capturedAt: photo.day, uploadedAt: `2027-06-01T00:00:0${i}.000Z`,
        dateFrom: 'exif', dateSource: 'exif', exifCapturedDay: photo.day, evidence: { level: 'camera-original', reasons: ['camera'], credentials: 'none' },
      }));
    }
    expect(kase.photos.length).toBeGreaterThan(0);
    changeSubmissionStatus(db, id, { from: 'draft', to: 'approved' });
    return id;
  }
  // The content reader refuses dates after today (the wall clock): follow-ups stay within it.
  const later = (days: number) => afterLast(days);
  let base: { caseId: string; files: Record<string, string> };

  it('appends a follow-up to the live case: old files untouched, new photos and the touch-up added, stages counted from it', async () => {
    const deps = await boot();
    const { caseId } = await publishSubmission(deps, await approvedSubmission([301, 302, 303, 304]), { actorUserId: 7 });
    base = { caseId, files: folder(caseId) };
    const followUp = await approvedFollowUp(caseId, later(400), [{ seed: 305, day: later(390), view: 'hairline' }, { seed: 306, day: later(480), view: 'crown' }]);
    invalidated.length = 0;
    expect(await publishSubmission(deps, followUp, { actorUserId: 7 })).toMatchObject({ caseId, status: 'live' });
    expect(findSubmission(db, followUp)!.status).toBe('live');
    expect(findPublishJournal(db, followUp)).toMatchObject({ kind: 'follow-up', caseId, doneStep: 'live' });
    const files = folder(caseId);
    for (const [name, hash] of Object.entries(base.files)) if (name !== 'case.yaml') expect(files[name]).toBe(hash);
    expect(Object.keys(files).sort()).toEqual([...Object.keys(base.files), 'hairline-3.jpg', 'crown-2.jpg'].sort());
    const { kase, problems } = await readCase(portfoliosDir, 'ana-ribeiro', caseId);
    expect(problems).toEqual([]);
    expect(kase!.touchUps!.map((d) => d.toISOString().slice(0, 10))).toEqual([later(400)]);
    expect(kase!.photos.slice(-2).map((p) => [p.file, p.alt])).toEqual([['hairline-3.jpg', 'Hairline, 390 days after the last session'], ['crown-2.jpg', 'Crown, 80 days after a touch-up session']]);
    expect((await deps.content.case(caseId))!.photos).toHaveLength(6);
    for (const p of kase!.photos) expect(await deps.variants.get(p.sha256)).toBeDefined();
    expect(invalidated).toEqual([[`case:${caseId}`, 'practitioner:ana-ribeiro', 'listing']]);
    expect(leftovers()).toEqual([]);
    base = { caseId, files };
  }, 60_000);

  it.each(['write-folder', 'variants', 'content'] as const)('resumes a follow-up stopped right after %s to the same folder', async (stopAfter) => {
    const deps = await boot();
    const { caseId } = await publishSubmission(deps, await approvedSubmission([301, 302, 303, 304].map((s) => s + 100 * (publishSteps.indexOf(stopAfter) + 1))), { actorUserId: 7 });
    const seeds = [305, 306].map((s) => s + 100 * (publishSteps.indexOf(stopAfter) + 1));
    const followUp = await approvedFollowUp(caseId, later(400), [{ seed: seeds[0]!, day: later(390), view: 'hairline' }, { seed: seeds[1]!, day: later(480), view: 'crown' }]);
    const crashing = await boot((step) => {
      if (step === stopAfter) throw new Error(`stopped after ${step}`);
    });
    await expect(publishSubmission(crashing, followUp, { actorUserId: 7 })).rejects.toThrow(/stopped after/);
    expect(findSubmission(db, followUp)!.status).toBe('publishing');
    const restarted = await boot();
    const report = await resumeUnfinished(restarted);
    expect(report.failed).toEqual([]);
    expect(findSubmission(db, followUp)!.status).toBe('live');
    const names = Object.keys(folder(caseId)).sort();
    expect(names).toEqual(Object.keys(base.files).sort());
    expect((await restarted.content.case(caseId))!.photos).toHaveLength(6);
    expect((await readCase(portfoliosDir, 'ana-ribeiro', caseId)).problems).toEqual([]);
  }, 60_000);

  it('closes the follow-ups of a withdrawn case: statuses, journals, originals; a follow-up approved later is refused', async () => {
    const deps = await boot();
    const { caseId } = await publishSubmission(deps, await approvedSubmission([501, 502, 503, 504]), { actorUserId: 7 });
    const live = await approvedFollowUp(caseId, later(400), [{ seed: 505, day: later(420), view: 'hairline' }]);
    await publishSubmission(deps, live, { actorUserId: 7 });
    const waiting = await approvedFollowUp(caseId, later(500), [{ seed: 506, day: later(560), view: 'crown' }]);
    await withdrawCase(deps, caseId, { actorUserId: 7 });
    expect(findSubmission(db, live)!.status).toBe('withdrawn');
    expect(findSubmission(db, waiting)!.status).toBe('withdrawn');
    expect(findPublishJournal(db, live)!.doneStep).toBe('withdrawn');
    expect(deletedOriginals.filter((k) => k.startsWith(`orig-${live}-`))).toHaveLength(1);
    expect(deletedOriginals.filter((k) => k.startsWith(`orig-${waiting}-`))).toHaveLength(1);
    expect((await resumeUnfinished(await boot())).failed).toEqual([]);
  }, 60_000);
});
