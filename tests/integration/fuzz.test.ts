/**
 * The fuzz suite (issue 8): every API route that reads a body gets malformed JSON, wrong content
 * types, multipart bodies cut at several offsets, oversized bodies (chunked, and with a lying
 * Content-Length) and methods it does not answer. Each must answer 4xx with the JSON error
 * shape, the server must keep answering, and its memory grow by less than 100 MB over the run.
 * `npm run fuzz` runs the same generators longer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClient } from '../helpers/demo-client.ts';
import { runFuzz, writeEndpoints, type FuzzAnswer } from '../helpers/fuzz.ts';
import { isAlive, rssMb } from '../helpers/raw-http.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

let server: RunningServer;
const client = demoClient(() => server);
let draftId = '';
/** A real client link's token, so the link page's posts reach its body readers. */
let clientToken = '';

beforeAll(async () => {
  server = await startServer();
  await client.signIn('ana', 'admin');
  const draft = await client.postJson('ana', '/api/submissions', { treatment: 'scar-correction', profile: { fitzpatrick: 'IV', scarType: 'fut' }, sessions: ['2025-03-01'] });
  expect(draft.status).toBe(201);
  draftId = ((await draft.json()) as { id: string }).id;
  const link = await client.postJson('ana', `/api/submissions/${draftId}/client-link`, {});
  expect(link.status).toBe(201);
  clientToken = ((await link.json()) as { url: string }).url.split('/client/')[1]!;
});
afterAll(() => server?.stop());

describe('fuzzing every write endpoint', () => {
  it('finds the routes that read a body in the source, uploads and sign-in among them', () => {
    const found = writeEndpoints().map((e) => `${e.method} ${e.pattern}`);
    expect(found).toEqual(expect.arrayContaining(['POST /api/submissions/[id]/photos', 'POST /api/auth/login', 'POST /api/reports', 'PATCH /api/submissions/[id]', 'POST /api/admin/submissions/[id]/decision', 'POST /client/[token]', 'POST /api/cases/[id]/follow-ups', 'POST /api/cases/[id]/client-link']));
  });

  it('answers every hostile request 4xx with the JSON error shape, keeps serving, and keeps its memory', async () => {
    const before = rssMb(server.pid);
    const answers = await runFuzz(server.url, writeEndpoints(), {
      seed: 8,
      // A real draft, so uploads reach the body; made-up ids elsewhere (nothing real is withdrawn or decided).
      fill: (pattern) => pattern.replace('/submissions/[id]', `/submissions/${draftId}`).replace('[token]', clientToken).replace('[id]', 'fuzz-made-up-id'),
      headersFor: (pattern) => ({
        origin: server.url,
        ...(pattern.includes('/auth/login') ? {} : { cookie: client.cookie(pattern.startsWith('/api/admin/') ? 'admin' : 'ana') }),
      }),
    });
    const wrong = answers.filter((a: FuzzAnswer) => a.problem || a.status === undefined || a.status < 400 || a.status >= 500);
    expect(wrong, JSON.stringify(wrong.slice(0, 5), null, 1)).toEqual([]);
    expect(answers.length).toBeGreaterThan(300);
    // The kinds of refusal the issue lists all occurred.
    const codes = new Set(answers.map((a) => a.error?.code));
    for (const code of ['invalid-json', 'unsupported-media-type', 'invalid-multipart', 'body-too-large', 'method-not-allowed']) expect(codes).toContain(code);

    expect(isAlive(server.pid)).toBe(true);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect(rssMb(server.pid) - before, 'RSS growth over the run (MB)').toBeLessThan(100);
    // And the draft is untouched by it all.
    const draft = (await (await client.request('ana', 'GET', `/api/submissions/${draftId}`)).json()) as { photos: unknown[]; status: string };
    expect(draft).toMatchObject({ status: 'draft', photos: [] });
    // And the client's link still works: no hostile post spent it.
    expect((await fetch(`${server.url}/client/${clientToken}`)).status).toBe(200);
  }, 60_000);
});
