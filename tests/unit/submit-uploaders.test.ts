/**
 * The /submit island's UploadThing uploader, on the real `@uploadthing/react` / `uploadthing/client`
 * code and the real file router of `/api/uploadthing`, with the network stubbed at the HTTP
 * boundary by msw (any request not expected here fails). A fake UploadThing ingest answers the
 * PUT the way the real one does: it calls the route's signed callback and answers the file with
 * the callback's result as server data.
 */
import { createHmac } from 'node:crypto';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoredOriginalEvent, UploadDecision, UploadDeps, UploadInput } from '../../src/lib/storage/index.ts';
import { createUploadHandler } from '../../src/lib/storage/uploadthing.ts';
import { asksForCaptureDate, type UploadEvents } from '../../src/pages/submit/_components/api.ts';
import { loadUploader, localUploader, uploadThingUploader } from '../../src/pages/submit/_components/uploaders.ts';
import { answerOfError, answerOfServerData, createUploadThingSend } from '../../src/pages/submit/_components/uploadthing-uploader.ts';

const apiKey = 'sk_test_healed0123456789';
const appId = 'healedtestapp';
const token = Buffer.from(JSON.stringify({ apiKey, appId, regions: ['sea1'] })).toString('base64');
const ingest = 'https://sea1.ingest.uploadthing.com';
const routeUrl = 'http://localhost:4321/api/uploadthing';

/**
 * Node has no XMLHttpRequest, which `uploadthing/client` PUTs the file with (for progress). This
 * stand-in covers what it uses: it reads the body chunk by chunk, reporting each as upload progress
 * the way a browser does, then sends it with fetch, which msw intercepts.
 */
class TestXMLHttpRequest extends EventTarget {
  readonly upload = new EventTarget();
  responseType = '';
  status = 0;
  statusText = '';
  response: unknown = null;
  #method = 'GET';
  #url = '';
  #headers = new Headers();
  #abort = new AbortController();

  open(method: string, url: string) {
    this.#method = method;
    this.#url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.#headers.set(name, value);
  }
  abort() {
    this.#abort.abort();
  }
  send(body: FormData) {
    void this.#send(body);
  }
  async #send(body: FormData) {
    try {
      const request = new Request(this.#url, { method: this.#method, headers: this.#headers, body });
      const chunks: Uint8Array[] = [];
      let loaded = 0;
      for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
        chunks.push(chunk);
        loaded += chunk.byteLength;
        this.upload.dispatchEvent(Object.assign(new Event('progress'), { loaded, lengthComputable: false }));
      }
      this.upload.dispatchEvent(new Event('load'));
      const response = await fetch(this.#url, { method: this.#method, headers: request.headers, body: Buffer.concat(chunks), signal: this.#abort.signal });
      this.status = response.status;
      this.statusText = response.statusText;
      this.response = this.responseType === 'json' ? await response.json().catch(() => null) : await response.text();
      this.dispatchEvent(new Event('load'));
    } catch {
      this.dispatchEvent(new Event('error'));
    }
  }
}

/** `session=`-less stand-in for sessions: the draft id says who is asking. ana owns `sub_ana`. */
function testDeps(onStored: (event: StoredOriginalEvent) => unknown) {
  const authorize = vi.fn(async (_request: Request, input: UploadInput): Promise<UploadDecision> => {
    if (input.submissionId === 'sub_anonymous') return { ok: false, reason: 'unauthenticated', message: 'Sign in first, then upload the photo again.' };
    if (input.submissionId !== 'sub_ana') return { ok: false, reason: 'not-found', message: 'No submission of yours has this id.' };
    return { ok: true, ownerId: '7' };
  });
  const onOriginalStored = vi.fn(async (event: StoredOriginalEvent) => onStored(event) as Awaited<ReturnType<UploadDeps['onOriginalStored']>>);
  return { authorize, onOriginalStored } satisfies UploadDeps;
}

const photoSummary = { id: 'ph_1', capturedAt: '2025-05-01', dateSource: 'exif', width: 1600, height: 1200, stage: 'healed' };
let deps = testDeps(() => photoSummary);
const routeHandler = () => createUploadHandler(deps, token, { isDev: false, logLevel: 'None' });

/** What the fake UploadThing saw. */
const seen = {
  presigns: [] as { url: URL; body: { files: { name: string; size: number; type: string }[]; input: unknown } }[],
  registrations: [] as { fileKeys: string[]; metadata: unknown }[],
  callbackResults: [] as { fileKey: string; callbackData: unknown }[],
  puts: [] as { key: string; name: string; size: number }[],
};
/** What the next PUT answers instead of storing the file, if set. */
let putFailure: (() => Response) | null = null;

const sign = (body: string) => `hmac-sha256=${createHmac('sha256', apiKey).update(body).digest('hex')}`;

const server = setupServer(
  // The browser's presign call reaches the real file router.
  http.post(routeUrl, async ({ request }) => {
    seen.presigns.push({ url: new URL(request.url), body: (await request.clone().json()) as (typeof seen.presigns)[number]['body'] });
    return routeHandler()(request);
  }),
  http.post(`${ingest}/route-metadata`, async ({ request }) => {
    if (request.headers.get('x-uploadthing-api-key') !== apiKey) return HttpResponse.json({ error: 'bad key' }, { status: 401 });
    seen.registrations.push((await request.json()) as (typeof seen.registrations)[number]);
    return HttpResponse.json({ ok: true });
  }),
  http.post(`${ingest}/callback-result`, async ({ request }) => {
    if (request.headers.get('x-uploadthing-api-key') !== apiKey) return HttpResponse.json({ error: 'bad key' }, { status: 401 });
    seen.callbackResults.push((await request.json()) as (typeof seen.callbackResults)[number]);
    return HttpResponse.json({ ok: true });
  }),
  // Resumable uploads: the client asks where to start.
  http.head(`${ingest}/:key`, () => new HttpResponse(null, { status: 200, headers: { 'x-ut-range-start': '0' } })),
  // The file itself: stored, the route's signed callback called, its result answered as server data.
  http.put(`${ingest}/:key`, async ({ request, params }) => {
    if (!new URL(request.url).searchParams.get('signature')?.startsWith('hmac-sha256=')) return HttpResponse.json({ error: 'unsigned' }, { status: 403 });
    if (putFailure) return putFailure();
    const key = String(params.key);
    const file = (await request.formData()).get('file') as File;
    seen.puts.push({ key, name: file.name, size: file.size });
    const registration = seen.registrations.find((r) => r.fileKeys.includes(key));
    const ufsUrl = `https://${appId}.ufs.sh/f/${key}`;
    const payload = JSON.stringify({
      status: 'uploaded',
      origin: ingest,
      metadata: registration?.metadata,
      file: { key, name: file.name, size: file.size, type: file.type, customId: null, url: ufsUrl, appUrl: ufsUrl, ufsUrl, fileHash: 'md5', lastModified: 0 },
    });
    const callback = await routeHandler()(new Request(`${routeUrl}?slug=photo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'uploadthing-hook': 'callback', 'x-uploadthing-signature': sign(payload) },
      body: payload,
    }));
    if (!callback.ok) return HttpResponse.json({ error: `callback failed: ${callback.status}` }, { status: 500 });
    const serverData = seen.callbackResults.find((r) => r.fileKey === key)?.callbackData;
    return HttpResponse.json({ url: ufsUrl, appUrl: ufsUrl, ufsUrl, fileHash: 'md5', serverData });
  }),
);

beforeAll(() => {
  server.listen({ onUnhandledFrame: 'error' });
  // After msw starts: its XHR interceptor expects a real (http-based) XMLHttpRequest; this one goes through fetch.
  vi.stubGlobal('XMLHttpRequest', TestXMLHttpRequest);
});
beforeEach(() => {
  deps = testDeps(() => photoSummary);
  putFailure = null;
  for (const list of Object.values(seen)) list.length = 0;
});
afterEach(() => server.resetHandlers());
afterAll(() => {
  vi.unstubAllGlobals();
  server.close();
});

/** A JPEG-typed file big enough to arrive in several chunks. */
const photo = () => new File([new Uint8Array(300_000).fill(7)], 'IMG_0001.jpg', { type: 'image/jpeg' });

function recorder(): UploadEvents & { loaded: number[]; totals: number[]; sends: number } {
  const events = {
    loaded: [] as number[],
    totals: [] as number[],
    sends: 0,
    progress(loaded: number, total: number) {
      events.loaded.push(loaded);
      events.totals.push(total);
    },
    sent() {
      events.sends += 1;
    },
  };
  return events;
}

const uploader = () => uploadThingUploader(createUploadThingSend({ url: routeUrl }));

describe('UploadThing uploader', () => {
  it('presigns at /api/uploadthing, PUTs the file with progress, and answers the server data as the photo', async () => {
    const file = photo();
    const events = recorder();
    const result = await uploader().upload(file, { submissionId: 'sub_ana', view: 'crown', claimedStage: 'healed', capturedAt: '2025-05-01' }, events);

    expect(result).toEqual({ ok: true, value: photoSummary });
    // Presign: the `photo` route, the file's description and the input.
    expect(seen.presigns).toHaveLength(1);
    expect(seen.presigns[0]!.url.searchParams.get('slug')).toBe('photo');
    expect(seen.presigns[0]!.url.searchParams.get('actionType')).toBe('upload');
    expect(seen.presigns[0]!.body.files).toEqual([expect.objectContaining({ name: 'IMG_0001.jpg', size: 300_000, type: 'image/jpeg' })]);
    const input = { submissionId: 'sub_ana', view: 'crown', claimedStage: 'healed', capturedAt: '2025-05-01' };
    expect(seen.presigns[0]!.body.input).toEqual(input);
    expect(deps.authorize).toHaveBeenCalledExactlyOnceWith(expect.any(Request), input);
    // The PUT: the whole file went to the presigned key, reported in growing steps up to its size.
    expect(seen.puts).toEqual([{ key: seen.registrations[0]!.fileKeys[0], name: 'IMG_0001.jpg', size: 300_000 }]);
    expect(events.loaded.length).toBeGreaterThan(2);
    expect(events.loaded).toEqual([...events.loaded].sort((a, b) => a - b));
    expect(events.loaded.at(-1)).toBe(300_000);
    expect(new Set(events.totals)).toEqual(new Set([300_000]));
    expect(events.sends).toBe(1);
    // The signed callback reached onOriginalStored with the owner and the input.
    expect(deps.onOriginalStored).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ key: seen.puts[0]!.key, size: 300_000, name: 'IMG_0001.jpg', ownerId: '7', input }));
  });

  it('leaves out an unclaimed stage and an undeclared date', async () => {
    await uploader().upload(photo(), { submissionId: 'sub_ana', view: 'hairline', claimedStage: '' }, recorder());
    expect(seen.presigns[0]!.body.input).toEqual({ submissionId: 'sub_ana', view: 'hairline' });
  });

  it('maps an ingest refusal returned as server data to the local endpoint\'s error, status included', async () => {
    const refusal = Object.assign(new Error('The file is a GIF, not a photo Healed accepts. Upload a JPEG.'), { code: 'unsupported-type', hint: 'Upload a JPEG, PNG, WebP or AVIF photo.' });
    deps = testDeps(() => { throw refusal; });
    const events = recorder();
    const result = await uploader().upload(photo(), { submissionId: 'sub_ana', view: 'crown' }, events);
    expect(result).toEqual({ ok: false, status: 415, error: { code: 'unsupported-type', message: refusal.message, hint: refusal.hint } });
    expect(events.sends).toBe(1);
  });

  it('a missing capture date comes back as the 400 the photo card asks a date for', async () => {
    deps = testDeps(() => { throw Object.assign(new Error('This photo carries no capture date: send capturedAt as YYYY-MM-DD.'), { code: 'captured-at-required' }); });
    const result = await uploader().upload(photo(), { submissionId: 'sub_ana', view: 'crown' }, recorder());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.status).toBe(400);
    expect(asksForCaptureDate(result.status, result.error)).toBe(true);
  });

  it('a failure the server did not explain is a retryable 500', async () => {
    deps = testDeps(() => { throw new Error('database is locked'); });
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const result = await uploader().upload(photo(), { submissionId: 'sub_ana', view: 'crown' }, recorder());
    expect(result).toEqual({ ok: false, status: 500, error: { code: 'upload-failed', message: 'The photo was uploaded but could not be processed; try again.' } });
    vi.mocked(console.error).mockRestore();
  });

  it('a refused presign (signed out, another practitioner\'s draft) carries the server\'s message, and nothing is sent', async () => {
    const anonymous = await uploader().upload(photo(), { submissionId: 'sub_anonymous', view: 'crown' }, recorder());
    expect(anonymous).toEqual({ ok: false, status: 401, error: { code: 'unauthenticated', message: 'Sign in first, then upload the photo again.' } });
    const foreign = await uploader().upload(photo(), { submissionId: 'sub_ben', view: 'crown' }, recorder());
    expect(foreign).toEqual({ ok: false, status: 404, error: { code: 'not-found', message: 'No submission of yours has this id.' } });
    expect(seen.registrations).toEqual([]);
    expect(seen.puts).toEqual([]);
  });

  it('an input the route refuses is a 400 with the router\'s message', async () => {
    const result = await uploader().upload(photo(), { submissionId: 'sub_ana', view: 'crown', capturedAt: '2025-02-30' }, recorder());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.status).toBe(400);
    expect(result.error.message).not.toBe('');
    expect(deps.authorize).not.toHaveBeenCalled();
  });

  it('a PUT that fails or never arrives is a dropped connection (status 0, worth a retry)', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    putFailure = () => HttpResponse.json({ error: 'ingest down' }, { status: 502 });
    const failed = await uploader().upload(photo(), { submissionId: 'sub_ana', view: 'crown' }, recorder());
    expect(failed).toMatchObject({ ok: false, status: 0, error: { code: 'network' } });
    putFailure = () => HttpResponse.error();
    const dropped = await uploader().upload(photo(), { submissionId: 'sub_ana', view: 'crown' }, recorder());
    expect(dropped).toMatchObject({ ok: false, status: 0, error: { code: 'network' } });
    vi.mocked(console.error).mockRestore();
  });
});

describe('choosing the uploader', () => {
  it('local mode posts to the submissions API; UploadThing mode loads its client on demand', async () => {
    expect(await loadUploader('local')).toBe(localUploader);
    const loaded = await loadUploader('uploadthing', { url: routeUrl });
    expect(await loaded.upload(photo(), { submissionId: 'sub_ana', view: 'top' }, recorder())).toEqual({ ok: true, value: photoSummary });
    expect(seen.puts).toHaveLength(1);
    expect(await loadUploader('uploadthing')).toBe(loaded);
  });
});

describe('UploadThing answers in the island\'s terms', () => {
  it('server data that is not a photo is an error, not a crash', async () => {
    expect(answerOfServerData(undefined)).toEqual({ status: 201, body: null });
    const unreadable = await uploadThingUploader(async () => answerOfServerData({ key: 'abc' })).upload(photo(), { submissionId: 'sub_ana', view: 'top' }, recorder());
    expect(unreadable).toMatchObject({ ok: false, status: 201, error: { code: 'http-201' } });
  });

  it('an error without a body is a dropped connection', () => {
    expect(answerOfError(new TypeError('Failed to fetch'))).toEqual({ status: 0, body: null });
    expect(answerOfError('weird')).toEqual({ status: 0, body: null });
  });
});
