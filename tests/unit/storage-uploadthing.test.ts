/**
 * The UploadThing driver and file router, on the real `uploadthing` SDK with a fake token. The
 * network is stubbed at the HTTP boundary with msw, as UploadThing's own tests do: any request
 * this file did not expect fails the test (`onUnhandledFrame: 'error'`, msw 2's `onUnhandledRequest`).
 */
import { createHmac } from 'node:crypto';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStorage, type StoredOriginalEvent, type UploadDecision, type UploadDeps, type UploadInput } from '../../src/lib/storage/index.ts';
import { createUploadHandler } from '../../src/lib/storage/uploadthing.ts';
import { createUploadThingStorage } from '../../src/lib/storage/uploadthing-storage.ts';
import { storageContract } from './storage-contract.ts';

const apiKey = 'sk_test_healed0123456789';
const appId = 'healedtestapp';
const token = Buffer.from(JSON.stringify({ apiKey, appId, regions: ['sea1'] })).toString('base64');
const ingest = 'https://sea1.ingest.uploadthing.com';
const routeUrl = 'http://localhost:4321/api/uploadthing';

/** A fake UploadThing: files by key, and every call it received. */
const fake = {
  files: new Map<string, Uint8Array>(),
  metadataRegistrations: [] as { fileKeys: string[]; metadata: unknown; callbackUrl: string; callbackSlug: string }[],
  callbackResults: [] as { fileKey: string; callbackData: unknown }[],
};

const server = setupServer(
  // Server-side uploads (UTApi.uploadFiles): a PUT of multipart form data to a presigned URL.
  http.put(`${ingest}/:key`, async ({ request, params }) => {
    const url = new URL(request.url);
    if (!url.searchParams.get('signature')?.startsWith('hmac-sha256=')) return HttpResponse.json({ error: 'unsigned' }, { status: 403 });
    const file = (await request.formData()).get('file') as File;
    const key = String(params.key);
    fake.files.set(key, new Uint8Array(await file.arrayBuffer()));
    const ufsUrl = `https://${appId}.ufs.sh/f/${key}`;
    return HttpResponse.json({ url: ufsUrl, appUrl: ufsUrl, ufsUrl, fileHash: 'md5' });
  }),
  // Presign: the route handler registers the files' metadata before answering the browser.
  http.post(`${ingest}/route-metadata`, async ({ request }) => {
    if (request.headers.get('x-uploadthing-api-key') !== apiKey) return HttpResponse.json({ error: 'bad key' }, { status: 401 });
    fake.metadataRegistrations.push((await request.json()) as (typeof fake.metadataRegistrations)[number]);
    return HttpResponse.json({ ok: true });
  }),
  // After onUploadComplete, the handler reports its result (the browser's server data) back.
  http.post(`${ingest}/callback-result`, async ({ request }) => {
    if (request.headers.get('x-uploadthing-api-key') !== apiKey) return HttpResponse.json({ error: 'bad key' }, { status: 401 });
    fake.callbackResults.push((await request.json()) as (typeof fake.callbackResults)[number]);
    return HttpResponse.json({ ok: true });
  }),
  // Private files are read through signed URLs on the app's ufs.sh host.
  ...(['get', 'head'] as const).map((method) =>
    http[method](`https://${appId}.ufs.sh/f/:key`, ({ request, params }) => {
      if (!new URL(request.url).searchParams.get('signature')) return new HttpResponse(null, { status: 403 });
      const bytes = fake.files.get(String(params.key));
      return bytes ? new HttpResponse(method === 'head' ? null : bytes, { headers: { 'content-length': String(bytes.length) } }) : new HttpResponse(null, { status: 404 });
    }),
  ),
  http.post('https://api.uploadthing.com/v6/deleteFiles', async ({ request }) => {
    if (request.headers.get('x-uploadthing-api-key') !== apiKey) return HttpResponse.json({ error: 'bad key' }, { status: 401 });
    const { fileKeys } = (await request.json()) as { fileKeys: string[] };
    const deletedCount = fileKeys.filter((key) => fake.files.delete(key)).length;
    return HttpResponse.json({ success: true, deletedCount });
  }),
);

// msw 3 names it `onUnhandledFrame` (msw 2: `onUnhandledRequest`): an unexpected request is an error.
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
beforeEach(() => {
  fake.files.clear();
  fake.metadataRegistrations.length = 0;
  fake.callbackResults.length = 0;
});
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

it('lets no request through to the network: an unexpected one fails', async () => {
  await expect(fetch('https://api.uploadthing.com/v6/listFiles', { method: 'POST', body: '{}' })).rejects.toThrow();
});

storageContract('UploadThing', async () => ({ storage: createUploadThingStorage({ token }), leftovers: async () => fake.files.size }));
// The server's storage: the factory's driver loads the SDK at its first operation and must keep the same contract.
storageContract('UploadThing (from the factory, loaded at first use)', async () => ({
  storage: createStorage({ dataDir: '/srv/healed/data', portfoliosDir: '/srv/healed/portfolios', storage: { driver: 'uploadthing', token } }),
  leftovers: async () => fake.files.size,
}));

// ---- The file router: presign, authorization, signed callbacks ----

/** Test deps: `session=<user>` cookies stand in for real sessions; ana owns draft `sub_ana`. */
function testDeps(onStored: (event: StoredOriginalEvent) => unknown = () => ({ photoId: 'ph_1', capturedAt: '2025-05-01' })) {
  const authorize = vi.fn(async (request: Request, input: UploadInput): Promise<UploadDecision> => {
    const user = /session=(\w+)/.exec(request.headers.get('cookie') ?? '')?.[1];
    if (!user) return { ok: false, reason: 'unauthenticated', message: 'Sign in to upload photos.' };
    if (input.submissionId !== `sub_${user}`) return { ok: false, reason: 'not-found', message: 'No such draft.' };
    return { ok: true, ownerId: `user-${user}` };
  });
  const onOriginalStored = vi.fn(async (event: StoredOriginalEvent) => onStored(event) as Awaited<ReturnType<UploadDeps['onOriginalStored']>>);
  return { authorize, onOriginalStored } satisfies UploadDeps;
}

const handlerFor = (deps: UploadDeps) => createUploadHandler(deps, token, { isDev: false, logLevel: 'None' });

function presignRequest(body: unknown, cookie?: string): Request {
  return new Request(`${routeUrl}?actionType=upload&slug=photo`, {
    method: 'POST',
    headers: { host: 'localhost:4321', 'content-type': 'application/json', 'x-uploadthing-package': 'vitest', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
}

const photoFile = { name: 'IMG_0001.jpg', size: 3_500_000, type: 'image/jpeg' };
const input: UploadInput = { submissionId: 'sub_ana', view: 'hairline', capturedAt: '2025-05-01' };

describe('UploadThing file router: presign', () => {
  it('answers presigned ingest URLs for a signed-in practitioner on their own draft', async () => {
    const deps = testDeps();
    const response = await handlerFor(deps)(presignRequest({ files: [photoFile], input }, 'session=ana'));
    expect(response.status).toBe(200);
    const presigned = (await response.json()) as { url: string; key: string; name: string }[];
    expect(presigned).toHaveLength(1);
    expect(presigned[0]).toMatchObject({ name: 'IMG_0001.jpg', key: expect.stringMatching(/^[A-Za-z0-9]{20,}$/) });
    const url = new URL(presigned[0]!.url);
    expect(url.origin + url.pathname).toBe(`${ingest}/${presigned[0]!.key}`);
    expect(url.searchParams.get('x-ut-slug')).toBe('photo');
    expect(url.searchParams.get('signature')).toMatch(/^hmac-sha256=[0-9a-f]{64}$/);
    expect(deps.authorize).toHaveBeenCalledWith(expect.any(Request), input);
    // The owner and the input travel with the file and come back in the signed callback.
    expect(fake.metadataRegistrations).toEqual([
      expect.objectContaining({ fileKeys: [presigned[0]!.key], metadata: { ownerId: 'user-ana', input }, callbackUrl: routeUrl, callbackSlug: 'photo' }),
    ]);
  });

  it('refuses an unauthenticated request (403, reason unauthenticated), another practitioner\'s draft (404), and registers nothing', async () => {
    const deps = testDeps();
    // UploadThing v7 has no 401 error code: the reason tells the browser to sign in.
    const anonymous = await handlerFor(deps)(presignRequest({ files: [photoFile], input }));
    expect(anonymous.status).toBe(403);
    expect(await anonymous.json()).toEqual({ message: 'Sign in to upload photos.', reason: 'unauthenticated' });
    const ben = await handlerFor(deps)(presignRequest({ files: [photoFile], input }, 'session=ben'));
    expect(ben.status).toBe(404);
    expect(await ben.json()).toEqual({ message: 'No such draft.', reason: 'not-found' });
    expect(fake.metadataRegistrations).toEqual([]);
  });

  it('validates the input with the shared schema before asking authorize', async () => {
    const deps = testDeps();
    for (const bad of [{ ...input, view: 'face' }, { ...input, capturedAt: '2025-02-30' }, { ...input, extra: 1 }, {}]) {
      const response = await handlerFor(deps)(presignRequest({ files: [photoFile], input: bad }, 'session=ana'));
      expect(response.status, JSON.stringify(bad)).toBe(400);
    }
    expect(deps.authorize).not.toHaveBeenCalled();
  });

  it('refuses files that are not JPEG, PNG, WebP or AVIF, or over 32 MB', async () => {
    const deps = testDeps();
    const gif = await handlerFor(deps)(presignRequest({ files: [{ ...photoFile, name: 'a.gif', type: 'image/gif' }], input }, 'session=ana'));
    const huge = await handlerFor(deps)(presignRequest({ files: [{ ...photoFile, size: 40 * 1024 * 1024 }], input }, 'session=ana'));
    expect([gif.status, huge.status]).toEqual([400, 400]);
    expect(fake.metadataRegistrations).toEqual([]);
  });
});

describe('UploadThing file router: signed callback', () => {
  const key = 'abcDEF0123456789abcDEF0123456789abcDEF0123456789';
  const payload = JSON.stringify({
    status: 'uploaded',
    origin: ingest,
    metadata: { ownerId: 'user-ana', input },
    file: { key, name: 'IMG_0001.jpg', size: 3_500_000, type: 'image/jpeg', customId: null, url: `https://${appId}.ufs.sh/f/${key}`, appUrl: `https://${appId}.ufs.sh/f/${key}`, ufsUrl: `https://${appId}.ufs.sh/f/${key}`, fileHash: 'md5', lastModified: 0 },
  });
  /** UploadThing signs the raw body with the API key: `hmac-sha256=<hex>`. */
  const sign = (body: string, secret = apiKey) => `hmac-sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  const callback = (body: string, signature?: string) =>
    new Request(`${routeUrl}?slug=photo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'uploadthing-hook': 'callback', ...(signature ? { 'x-uploadthing-signature': signature } : {}) },
      body,
    });

  it('accepts a correctly signed callback, calls onOriginalStored and reports its result', async () => {
    const deps = testDeps();
    const response = await handlerFor(deps)(callback(payload, sign(payload)));
    expect(response.status).toBe(200);
    expect(deps.onOriginalStored).toHaveBeenCalledExactlyOnceWith({ key, url: `https://${appId}.ufs.sh/f/${key}`, size: 3_500_000, name: 'IMG_0001.jpg', input, ownerId: 'user-ana' });
    expect(fake.callbackResults).toEqual([{ fileKey: key, callbackData: { photoId: 'ph_1', capturedAt: '2025-05-01' } }]);
  });

  it('refuses a bad or missing signature, and a tampered body, recording nothing', async () => {
    const deps = testDeps();
    const tampered = payload.replace('user-ana', 'user-ben');
    for (const request of [callback(payload, sign(payload, 'sk_live_not_the_key')), callback(payload), callback(tampered, sign(payload)), callback(payload, 'hmac-sha256=00')]) {
      const response = await handlerFor(deps)(request);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ message: 'Invalid signature', reason: null });
    }
    expect(deps.onOriginalStored).not.toHaveBeenCalled();
    expect(fake.callbackResults).toEqual([]);
  });

  it('turns an ingest refusal into error data the browser receives', async () => {
    const refusal = Object.assign(new Error('The file is a GIF, not a photo Healed accepts.'), { code: 'unsupported-type', hint: 'Upload a JPEG, PNG, WebP or AVIF photo.' });
    const deps = testDeps(() => { throw refusal; });
    const response = await handlerFor(deps)(callback(payload, sign(payload)));
    expect(response.status).toBe(200);
    expect(fake.callbackResults).toEqual([{ fileKey: key, callbackData: { error: { code: 'unsupported-type', message: refusal.message, hint: refusal.hint } } }]);
  });

  it('the stored original can then be read for ingest through the storage driver', async () => {
    const storage = createUploadThingStorage({ token });
    fake.files.set(key, new Uint8Array([0xff, 0xd8, 0xff, 0xe0]));
    expect(Array.from(await storage.readOriginal(key))).toEqual([0xff, 0xd8, 0xff, 0xe0]);
  });
});
