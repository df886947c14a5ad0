/**
 * Moderation over real HTTP against the built server: the admins' queue (oldest first, flags,
 * filter by flag), decisions and their rules (override, reason, message, status), the audit log,
 * public reports, the admin pages, and 401/403 on every admin route.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile } from '../../src/lib/db/index.ts';
import { jpeg } from '../factories/photos.ts';
import { afterLast, submissionBody } from '../factories/submissions.ts';
import { demoClient, type Who } from '../helpers/demo-client.ts';
import { copyPortfolios, startServer, type RunningServer } from '../helpers/server.ts';

let server: RunningServer;
const { signIn, request, postJson, postForm } = demoClient(() => server);
let portfoliosDir: string;
interface ErrorAnswer { error: { code: string; message: string; field?: string } }
interface QueueAnswer { submissions: { id: string; submittedAt: string; flags: { code: string; message: string }[] }[] }
interface AuditAnswer { events: { id: number; action: string; subject: string; actorEmail: string | null; before: unknown; after: unknown }[]; next: number | null }


const decide = (id: string, body: unknown, who: Who = 'admin') => postJson(who, `/api/admin/submissions/${id}/decision`, body);
const getJson = async <T>(who: Who, urlPath: string): Promise<T> => {
  const response = await request(who, 'GET', urlPath);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as T;
};

let seed = 300;
/** Ana creates and submits a case whose only healed photo has a declared date: flagged `no-verified-healed-photo`. */
async function flaggedPendingCase(): Promise<string> {
  const created = await postJson('ana', '/api/submissions', submissionBody());
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const form = new FormData();
  form.append('view', 'crown');
  form.append('capturedAt', afterLast(90));
  form.append('file', new Blob([(await jpeg({ width: 1600, height: 1200, seed: ++seed })) as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }), 'photo.jpg');
  expect((await request('ana', 'POST', `/api/submissions/${id}/photos`, { body: form })).status).toBe(201);
  const submitted = await postJson('ana', `/api/submissions/${id}/submit`, {});
  expect(submitted.status).toBe(200);
  return id;
}

function query<T>(sql: string, ...params: (string | number)[]): T[] {
  const db = new DatabaseSync(databaseFile(server.dataDir), { readOnly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

let first: string;
let second: string;

beforeAll(async () => {
  // A private copy of the content: an approval may publish into it.
  portfoliosDir = await copyPortfolios();
  server = await startServer({ portfoliosDir });
  await signIn('ana', 'admin');
  first = await flaggedPendingCase();
  second = await flaggedPendingCase();
});
afterAll(() => server?.stop());

describe('the queue', () => {
  it('lists pending submissions oldest first, with their flags', async () => {
    const { submissions } = await getJson<QueueAnswer>('admin', '/api/admin/submissions?status=pending');
    const ids = submissions.map((s) => s.id);
    expect(ids.indexOf(first)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(first)).toBeLessThan(ids.indexOf(second));
    const times = submissions.map((s) => s.submittedAt);
    expect(times).toEqual([...times].sort());
    expect(submissions.find((s) => s.id === first)!.flags).toEqual([{ code: 'no-verified-healed-photo', message: expect.any(String) }]);
  });

  it('filters by flag code, and names a bad filter with 400', async () => {
    const flagged = await getJson<QueueAnswer>('admin', '/api/admin/submissions?flag=no-verified-healed-photo');
    expect(flagged.submissions.map((s) => s.id)).toEqual(expect.arrayContaining([first, second]));
    const other = await getJson<QueueAnswer>('admin', '/api/admin/submissions?flag=low-resolution');
    expect(other.submissions.map((s) => s.id)).not.toContain(first);
    const bad = await request('admin', 'GET', '/api/admin/submissions?status=nonsense');
    expect([bad.status, ((await bad.json()) as ErrorAnswer).error.field]).toEqual([400, 'status']);
  });
});

describe('decisions', () => {
  it('refuses to approve a flagged submission without an override reason (422)', async () => {
    const response = await decide(first, { action: 'approve' });
    expect(response.status).toBe(422);
    expect(((await response.json()) as ErrorAnswer).error).toMatchObject({ code: 'override-required', field: 'reason' });
  });

  it('refuses to reject without a reason, and an unknown action, with 400 naming the field', async () => {
    const noReason = await decide(first, { action: 'reject', reason: '  ' });
    expect([noReason.status, ((await noReason.json()) as ErrorAnswer).error.field]).toEqual([400, 'reason']);
    const badAction = await decide(first, { action: 'publish' });
    expect([badAction.status, ((await badAction.json()) as ErrorAnswer).error.field]).toEqual([400, 'action']);
    expect((await decide('NoSuchSubmission0000001', { action: 'reject', reason: 'Not a real case.' })).status).toBe(404);
  });

  it('requests changes: the case returns to ana as a draft she can edit, the message stored', async () => {
    const response = await decide(second, { action: 'request-changes', reason: 'Add a photo with its original date.' });
    expect([response.status, await response.json()]).toEqual([200, { status: 'draft' }]);
    const read = await getJson<{ status: string; changesRequested: string | null }>('ana', `/api/submissions/${second}`);
    expect(read).toMatchObject({ status: 'draft', changesRequested: 'Add a photo with its original date.' });
    const account = await (await request('ana', 'GET', '/account')).text();
    expect(account).toContain('Changes requested:</strong> Add a photo with its original date.');
    const patched = await request('ana', 'PATCH', `/api/submissions/${second}`, { body: JSON.stringify({ notes: 'Added the original.' }), headers: { 'content-type': 'application/json' } });
    expect(patched.status).toBe(200);
    expect(query<{ decision_reason: string }>('SELECT decision_reason FROM submissions WHERE id = ?', second)[0]!.decision_reason).toBe('Add a photo with its original date.');
    expect((await getJson<QueueAnswer>('admin', '/api/admin/submissions')).submissions.map((s) => s.id)).not.toContain(second);
  });

  it('approves with an override reason: 200, then 409 for a second decision; the audit log has before → after', async () => {
    const response = await decide(first, { action: 'approve', reason: 'Original file checked by phone.' });
    expect(response.status).toBe(200);
    // Approval hands the case to publishing (approved → publishing → live) before answering.
    expect(((await response.json()) as { status: string }).status, server.stderr()).toBe('live');
    const again = await decide(first, { action: 'reject', reason: 'Changed my mind.' });
    expect([again.status, ((await again.json()) as ErrorAnswer).error.code]).toEqual([409, 'not-pending']);

    const { events } = await getJson<AuditAnswer>('admin', `/api/admin/audit?subject=submission:${first}`);
    const approval = events.find((e) => e.action === 'moderation.approve')!;
    expect(approval).toMatchObject({ actorEmail: 'admin@healed.test', before: { status: 'pending' }, after: { status: 'approved', overrideReason: 'Original file checked by phone.' } });
    expect(events.find((e) => e.action === 'moderation.override')).toMatchObject({ before: { flags: ['no-verified-healed-photo'] } });
    // The decision comes before the publish steps it started.
    const approvalAt = events.findIndex((e) => e.action === 'moderation.approve');
    expect(events.findIndex((e) => e.action === 'submission.publishing')).toBeLessThan(approvalAt);
  });

  it('pages the audit log newest first', async () => {
    const page = await getJson<AuditAnswer>('admin', '/api/admin/audit?limit=2');
    expect(page.events).toHaveLength(2);
    expect(page.events[0]!.id).toBeGreaterThan(page.events[1]!.id);
    const next = await getJson<AuditAnswer>('admin', `/api/admin/audit?limit=2&before=${page.next}`);
    expect(next.events[0]!.id).toBeLessThan(page.events[1]!.id);
  });

  it('takes the review page form: 303 back to the page with the outcome', async () => {
    const id = await flaggedPendingCase();
    const refused = await postForm('admin', `/api/admin/submissions/${id}/decision`, { action: 'approve' });
    expect(refused.status).toBe(303);
    expect(refused.headers.get('location')).toBe(`/admin/submissions/${id}?error=override-required`);
    const rejected = await postForm('admin', `/api/admin/submissions/${id}/decision`, { action: 'reject', reason: 'The photos are of two different clients.' });
    expect(rejected.headers.get('location')).toBe(`/admin/submissions/${id}?decided=rejected`);
    const page = await request('admin', 'GET', `/admin/submissions/${id}?decided=rejected`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('The photos are of two different clients.');
  });
});

describe('public reports', () => {
  it('takes a report about a published case (202) and shows it to admins', async () => {
    const response = await postJson('anonymous', '/api/reports', { caseId: 'ana-ribeiro-aa-1', reason: 'These are photos of my own scalp.', contact: 'me@example.com' });
    expect(response.status).toBe(202);
    const { reports } = await getJson<{ reports: { caseId: string; reason: string; contact: string | null; status: string }[] }>('admin', '/api/admin/reports');
    expect(reports).toContainEqual(expect.objectContaining({ caseId: 'ana-ribeiro-aa-1', reason: 'These are photos of my own scalp.', contact: 'me@example.com', status: 'open' }));
  });

  it('answers 404 for an unknown case and 400 naming a short reason', async () => {
    const unknown = await postJson('anonymous', '/api/reports', { caseId: 'no-such-case', reason: 'Something is wrong here.' });
    expect([unknown.status, ((await unknown.json()) as ErrorAnswer).error.code]).toEqual([404, 'not-found']);
    const short = await postJson('anonymous', '/api/reports', { caseId: 'ana-ribeiro-aa-1', reason: 'bad' });
    expect([short.status, ((await short.json()) as ErrorAnswer).error.field]).toEqual([400, 'reason']);
  });

  it('takes the case page form: 303 to /reported, which confirms', async () => {
    const casePage = await request('anonymous', 'GET', '/cases/ana-ribeiro-aa-1/');
    expect(await casePage.text()).toContain('action="/api/reports"');
    const response = await postForm('anonymous', '/api/reports', { caseId: 'ana-ribeiro-aa-1', reason: 'The healed photo looks edited.', contact: '' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/reported?case=ana-ribeiro-aa-1');
    const confirmation = await request('anonymous', 'GET', '/reported?case=ana-ribeiro-aa-1');
    expect([confirmation.status, await confirmation.text()]).toEqual([200, expect.stringContaining('Thank you for your report')]);
  });

  it('lets an admin close a report (form or JSON); it leaves the open list and is audited', async () => {
    const { reports } = await getJson<{ reports: { id: number }[] }>('admin', '/api/admin/reports');
    const [one, two] = reports;
    const viaForm = await postForm('admin', `/api/admin/reports/${one!.id}/close`, {});
    expect([viaForm.status, viaForm.headers.get('location')]).toEqual([303, '/admin/reports?closed=1']);
    const viaJson = await postJson('admin', `/api/admin/reports/${two!.id}/close`, {});
    expect([viaJson.status, await viaJson.json()]).toEqual([200, { status: 'closed' }]);
    expect((await postJson('admin', `/api/admin/reports/${two!.id}/close`, {})).status).toBe(404);
    expect((await postJson('ana', `/api/admin/reports/${two!.id}/close`, {})).status).toBe(403);
    const left = await getJson<{ reports: { id: number }[] }>('admin', '/api/admin/reports');
    expect(left.reports.map((r) => r.id)).not.toContain(one!.id);
    const { events } = await getJson<AuditAnswer>('admin', `/api/admin/audit?subject=report:${two!.id}`);
    expect(events[0]).toMatchObject({ action: 'report.close', before: { status: 'open' }, after: { status: 'closed' } });
  });
});

describe('access', () => {
  const routes: [string, string][] = [
    ['GET', '/api/admin/submissions?status=pending'],
    ['POST', '/api/admin/submissions/SomeSubmissionId00001/decision'],
    ['GET', '/api/admin/audit'],
    ['GET', '/api/admin/reports'],
    ['GET', '/api/admin/credentials'],
    ['POST', '/api/admin/credentials/SomeCredentialId000001/decision'],
    ['GET', '/api/admin/credentials/SomeCredentialId000001/certificate'],
  ];

  it.each(routes)('%s %s: 401 anonymous, 403 practitioner', async (method, urlPath) => {
    const send = (who: Who) => (method === 'POST' ? postJson(who, urlPath, { action: 'reject', reason: 'Not allowed anyway.' }) : request(who, method, urlPath));
    const anonymous = await send('anonymous');
    expect([anonymous.status, ((await anonymous.json()) as ErrorAnswer).error.code]).toEqual([401, 'unauthenticated']);
    const practitioner = await send('ana');
    expect([practitioner.status, ((await practitioner.json()) as ErrorAnswer).error.code]).toEqual([403, 'forbidden']);
  });

  it.each(['/admin/', '/admin/audit/', '/admin/reports/', '/admin/credentials/', '/admin/submissions/ID'])('page %s: admin 200, anonymous sent to sign in, practitioner 403', async (template) => {
    const urlPath = template.replace('ID', first);
    const page = await request('admin', 'GET', urlPath);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/Moderation queue|Audit log|Public reports|Credentials to verify|Decision/);
    const anonymous = await request('anonymous', 'GET', urlPath);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toMatch(/^\/login\?next=%2Fadmin/);
    expect((await request('ana', 'GET', urlPath)).status).toBe(403);
  });

  it('shows the queue with flag badges and the review page with photos, consent and credentials', async () => {
    const id = await flaggedPendingCase();
    const queue = await (await request('admin', 'GET', '/admin/?flag=no-verified-healed-photo')).text();
    expect(queue).toContain(`/admin/submissions/${id}`);
    expect(queue).toContain('no-verified-healed-photo');
    const review = await (await request('admin', 'GET', `/admin/submissions/${id}`)).text();
    expect(review).toMatch(new RegExp(`/api/submissions/${id}/photos/[A-Za-z0-9_-]+/preview`));
    expect(review).toContain('declared date');
    expect(review).toContain('Override reason');
    expect(review).toContain('Consent');
    expect(review).toMatch(/verified/);
  });
});

describe('credentials', () => {
  interface CredentialAnswer { id: string; title: string; status: string; certificateUrl: string }
  async function addCredential(title: string, file?: Uint8Array): Promise<Response> {
    const form = new FormData();
    form.append('title', title);
    form.append('issuer', 'Northbridge SMP Academy');
    form.append('year', '2024');
    form.append('file', new Blob([(file ?? (await jpeg({ width: 1200, height: 900, seed: ++seed }))) as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }), 'certificate.jpg');
    return request('ana', 'POST', '/api/credentials', { body: form });
  }

  it('lets ana add a credential with a certificate; admins see it pending with its private preview', async () => {
    const response = await addCredential('Scar Camouflage Masterclass');
    expect(response.status, await response.clone().text()).toBe(201);
    const added = (await response.json()) as CredentialAnswer;
    expect(added).toMatchObject({ title: 'Scar Camouflage Masterclass', status: 'pending' });
    expect(JSON.stringify(added)).not.toContain('originalKey');
    const { credentials } = await getJson<{ credentials: CredentialAnswer[] }>('admin', '/api/admin/credentials');
    expect(credentials.map((c) => c.id)).toContain(added.id);
    const preview = await request('admin', 'GET', added.certificateUrl);
    expect([preview.status, preview.headers.get('content-type')]).toEqual([200, 'image/webp']);
    expect((await request('ana', 'GET', added.certificateUrl)).status).toBe(403);
    expect((await request('anonymous', 'GET', added.certificateUrl)).status).toBe(401);
  });

  it('refuses a certificate that is not an image (ingest rules) and a bad year, naming the field', async () => {
    const notImage = await addCredential('Some Course', new TextEncoder().encode('%PDF-1.7 not an image at all'));
    expect(notImage.status).toBeGreaterThanOrEqual(400);
    expect(notImage.status).toBeLessThan(500);
    const form = new FormData();
    form.append('title', 'Some Course');
    form.append('issuer', 'Somewhere');
    form.append('year', '1900');
    form.append('file', new Blob([(await jpeg({ width: 1200, height: 900, seed: ++seed })) as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }), 'c.jpg');
    const badYear = await request('ana', 'POST', '/api/credentials', { body: form });
    expect([badYear.status, ((await badYear.json()) as ErrorAnswer).error.field]).toEqual([400, 'year']);
  });

  it('verifies: practitioner.yaml gets verified: true and the public page shows the badge at once; reject needs a reason', async () => {
    const before = await request('anonymous', 'GET', '/practitioners/ana-ribeiro/');
    expect(before.status).toBe(200);
    expect(await before.text()).not.toContain('Density Blending Workshop');
    const added = (await (await addCredential('Density Blending Workshop')).json()) as CredentialAnswer;
    const verified = await postJson('admin', `/api/admin/credentials/${added.id}/decision`, { action: 'verify' });
    expect([verified.status, await verified.json()]).toEqual([200, { status: 'verified' }]);
    const yaml = readFileSync(path.join(portfoliosDir, 'ana-ribeiro', 'practitioner.yaml'), 'utf8');
    expect(yaml).toMatch(/title: Density Blending Workshop\n\s+issuer: Northbridge SMP Academy\n\s+year: 2024\n\s+verified: true/);
    expect(yaml.startsWith('# Demo content')).toBe(true);
    const profile = await (await request('anonymous', 'GET', '/practitioners/ana-ribeiro/')).text();
    expect(/Density Blending Workshop<\/strong>, Northbridge SMP Academy \(2024\)\s*<span class="ok"[^>]*>✓ Verified by Healed/.test(profile)).toBe(true);

    const other = (await (await addCredential('Unverifiable Diploma')).json()) as CredentialAnswer;
    const noReason = await postJson('admin', `/api/admin/credentials/${other.id}/decision`, { action: 'reject' });
    expect([noReason.status, ((await noReason.json()) as ErrorAnswer).error.field]).toEqual([400, 'reason']);
    const rejected = await postJson('admin', `/api/admin/credentials/${other.id}/decision`, { action: 'reject', reason: 'The certificate is illegible.' });
    expect([rejected.status, await rejected.json()]).toEqual([200, { status: 'rejected' }]);
    expect((await postJson('admin', `/api/admin/credentials/${other.id}/decision`, { action: 'verify' })).status).toBe(409);
    const form = new FormData();
    form.append('title', 'Trichology Basics');
    form.append('issuer', 'Somewhere');
    form.append('year', '2020');
    form.append('file', new Blob([(await jpeg({ width: 1200, height: 900, seed: ++seed })) as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }), 'c.jpg');
    const browserForm = await request('ana', 'POST', '/api/credentials', { body: form, headers: { Accept: 'text/html' } });
    expect([browserForm.status, browserForm.headers.get('location')]).toEqual([303, '/account/credentials?added=1']);
    const page = (await (await request('ana', 'GET', '/account/credentials')).text());
    expect(page).toContain('Trichology Basics');
    expect(page).toContain('✓ Verified by Healed');
    const own = await getJson<{ credentials: CredentialAnswer[] }>('ana', '/api/credentials');
    expect(own.credentials.find((c) => c.id === other.id)).toMatchObject({ status: 'rejected' });
  });
});
