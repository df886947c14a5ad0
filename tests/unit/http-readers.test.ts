import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { bodyLimits, readFields, readForm, readJson, readMultipart, type HttpError } from '../../src/lib/http/index.ts';
import { cutOffsets, jpegStart, malformedJson, multipartBody, streamedRequest, wrongContentTypes } from '../factories/hostile-requests.ts';

const url = 'http://localhost/api/x';
const post = (body: BodyInit, type: string, headers: Record<string, string> = {}) => new Request(url, { method: 'POST', headers: { 'content-type': type, ...headers }, body });
/** The HttpError a promise rejects with (fails the test if it resolves). */
async function refusal(promise: Promise<unknown>): Promise<HttpError> {
  try {
    await promise;
  } catch (error) {
    return error as HttpError;
  }
  throw new Error('expected a refusal');
}

describe('readJson', () => {
  it('parses a JSON body', async () => {
    expect(await readJson(post('{"a":[1,"b"]}', 'application/json; charset=utf-8'))).toEqual({ a: [1, 'b'] });
  });

  it.each(malformedJson)('answers 400 invalid-json for %j', async (text) => {
    expect(await refusal(readJson(post(text, 'application/json')))).toMatchObject({ status: 400, code: 'invalid-json' });
  });

  it.each(wrongContentTypes)('answers 415 for %s', async (type) => {
    expect(await refusal(readJson(post('{}', type)))).toMatchObject({ status: 415, code: 'unsupported-media-type' });
  });

  it('refuses a declared length over the limit before reading a byte', async () => {
    let pulled = 0;
    const body = new ReadableStream({ pull: (c) => void (pulled++, c.enqueue(new Uint8Array(10))) });
    const request = new Request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(bodyLimits.json + 1) }, body, duplex: 'half' } as RequestInit);
    expect(await refusal(readJson(request))).toMatchObject({ status: 413, code: 'body-too-large' });
    // The stream's first pull happens when it is created; nothing more was asked for.
    expect(pulled).toBeLessThanOrEqual(2);
  });

  it('stops reading a chunked body as soon as it passes the limit, whatever length it claims', async () => {
    let pulled = 0;
    const chunk = new Uint8Array(16 * 1024);
    const endless = new ReadableStream({ pull: (c) => void (pulled++, c.enqueue(chunk)) });
    const request = new Request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: endless, duplex: 'half' } as RequestInit);
    expect(await refusal(readJson(request))).toMatchObject({ status: 413 });
    // 64 KB in 16 KB chunks: refused on the fifth chunk, plus the stream's read-ahead.
    expect(pulled).toBeLessThan(8);
  });

  it('answers 400 body-interrupted when the body stops (a dropped connection)', async () => {
    const request = streamedRequest(url, { headers: { 'content-type': 'application/json' }, chunks: [Buffer.from('{"a":')], fail: true });
    expect(await refusal(readJson(request))).toMatchObject({ status: 400, code: 'body-interrupted' });
  });
});

describe('readForm and readFields', () => {
  it('reads a urlencoded form, keeping the first of repeated names', async () => {
    expect(await readForm(post('a=1&b=two+words&a=3', 'application/x-www-form-urlencoded'))).toEqual({ a: '1', b: 'two words' });
  });

  it('reads a text-only multipart form and refuses a file in it', async () => {
    const { body, contentType } = multipartBody([{ name: 'reason', value: 'stolen photo' }]);
    expect(await readForm(post(body, contentType))).toEqual({ reason: 'stolen photo' });
    const withFile = multipartBody([{ name: 'reason', value: 'x' }, { name: 'file', filename: 'a.jpg', type: 'image/jpeg', bytes: jpegStart }]);
    expect(await refusal(readForm(post(withFile.body, withFile.contentType)))).toMatchObject({ status: 400, code: 'unexpected-file' });
  });

  it('holds forms to 16 KB and JSON to 64 KB', async () => {
    expect(await refusal(readForm(post(`a=${'x'.repeat(bodyLimits.form)}`, 'application/x-www-form-urlencoded')))).toMatchObject({ status: 413 });
    expect(await readFields(post(JSON.stringify({ a: 'x'.repeat(bodyLimits.form) }), 'application/json'))).toHaveProperty('a');
  });

  it('readFields takes a JSON object or a form, and nothing else', async () => {
    expect(await readFields(post('{"caseId":"x"}', 'application/json'))).toEqual({ caseId: 'x' });
    expect(await readFields(post('caseId=x', 'application/x-www-form-urlencoded'))).toEqual({ caseId: 'x' });
    expect(await refusal(readFields(post('[1]', 'application/json')))).toMatchObject({ status: 400, code: 'invalid-json' });
    expect(await refusal(readFields(post('x', 'text/plain')))).toMatchObject({ status: 415 });
  });
});

/** A store that consumes the file part into memory, as storage would, and records removals. */
function memoryStore() {
  const stored: string[] = [];
  const removed: string[] = [];
  return {
    stored,
    removed,
    file: {
      field: 'file',
      async store(source: Readable) {
        // Like the disk driver, it awaits something before it reads: the stream must not crash meanwhile.
        await new Promise((resolve) => setTimeout(resolve, 5));
        const chunks: Buffer[] = [];
        for await (const chunk of source) chunks.push(chunk as Buffer);
        const key = `k${stored.length}`;
        stored.push(key);
        return { key, size: Buffer.concat(chunks).length };
      },
      async remove(file: { key: string }) {
        removed.push(file.key);
      },
    },
  };
}

describe('readMultipart', () => {
  const photo = new Uint8Array(50_000).fill(7);
  const good = () => multipartBody([{ name: 'view', value: 'top' }, { name: 'file', filename: 'a.jpg', type: 'image/jpeg', bytes: photo }, { name: 'capturedAt', value: '2025-01-02' }]);

  it('streams the file into storage and returns the fields before and after it', async () => {
    const store = memoryStore();
    const { body, contentType } = good();
    const result = await readMultipart(post(body, contentType), { maxBytes: bodyLimits.photo, fieldNames: ['view', 'capturedAt'], file: store.file });
    expect(result).toEqual({ fields: { view: 'top', capturedAt: '2025-01-02' }, file: { key: 'k0', size: photo.length } });
    expect(store.removed).toEqual([]);
  });

  it('answers a body cut off mid-file (the crash that stopped the server) with 400, and keeps nothing', async () => {
    const store = memoryStore();
    const cut = new Uint8Array(Buffer.concat([Buffer.from('--B\r\nContent-Disposition: form-data; name="view"\r\n\r\ntop\r\n--B\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'), jpegStart]));
    const error = await refusal(readMultipart(post(cut, 'multipart/form-data; boundary=B'), { maxBytes: bodyLimits.photo, fieldNames: ['view'], file: store.file }));
    expect(error).toMatchObject({ status: 400, code: 'invalid-multipart' });
    expect(store.removed).toEqual(store.stored);
  });

  it('answers every cut of a well-formed body with a 4xx: in headers, in a part, before the closing boundary', async () => {
    const { body, contentType } = good();
    const offsets = cutOffsets(body, 7, 12);
    expect(offsets.length).toBeGreaterThanOrEqual(6);
    for (const at of offsets) {
      const store = memoryStore();
      const error = await refusal(readMultipart(post(body.subarray(0, at), contentType), { maxBytes: bodyLimits.photo, fieldNames: ['view', 'capturedAt'], file: store.file }));
      expect(error.status, `cut at ${at}`).toBeGreaterThanOrEqual(400);
      expect(error.status, `cut at ${at}`).toBeLessThan(500);
      expect(store.removed.sort(), `cut at ${at}: stored files removed`).toEqual(store.stored.sort());
    }
  });

  it('answers a connection dropped mid-file with 400 and removes nothing it did not store', async () => {
    const store = memoryStore();
    const { body, contentType } = good();
    const request = streamedRequest(url, { headers: { 'content-type': contentType }, chunks: [body.subarray(0, 400), body.subarray(400, 20_000)], fail: true });
    const error = await refusal(readMultipart(request, { maxBytes: bodyLimits.photo, fieldNames: ['view', 'capturedAt'], file: store.file }));
    expect(error.status).toBe(400);
    expect(store.removed).toEqual(store.stored);
  });

  it('refuses unknown fields, a second file and a file under another name, removing what was stored', async () => {
    const store = memoryStore();
    const cases = [
      multipartBody([{ name: 'file', filename: 'a.jpg', type: 'image/jpeg', bytes: photo }, { name: 'admin', value: 'true' }]),
      multipartBody([{ name: 'file', filename: 'a.jpg', type: 'image/jpeg', bytes: photo }, { name: 'file', filename: 'b.jpg', type: 'image/jpeg', bytes: photo }]),
      multipartBody([{ name: 'photo', filename: 'a.jpg', type: 'image/jpeg', bytes: photo }]),
    ];
    for (const { body, contentType } of cases) {
      const error = await refusal(readMultipart(post(body, contentType), { maxBytes: bodyLimits.photo, fieldNames: ['view'], file: store.file }));
      expect(error.status).toBe(400);
    }
    expect(store.removed.sort()).toEqual(store.stored.sort());
  });

  it('refuses a body over its limit with 413 as it arrives', async () => {
    const store = memoryStore();
    const { body, contentType } = good();
    const request = streamedRequest(url, { headers: { 'content-type': contentType }, chunks: [body.subarray(0, 30_000), body.subarray(30_000)] });
    expect(await refusal(readMultipart(request, { maxBytes: 40_000, fieldNames: ['view', 'capturedAt'], file: store.file }))).toMatchObject({ status: 413 });
    expect(store.removed).toEqual(store.stored);
  });

  it('refuses a body that does not open with its boundary after its first bytes, not at the limit', async () => {
    let pulled = 0;
    const garbage = new ReadableStream({ pull: (c) => void (pulled++, c.enqueue(new Uint8Array(64 * 1024).fill(0x61))) });
    const request = new Request(url, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=B' }, body: garbage, duplex: 'half' } as RequestInit);
    const error = await refusal(readMultipart(request, { maxBytes: bodyLimits.photo, fieldNames: ['view'], file: memoryStore().file }));
    expect(error).toMatchObject({ status: 400, code: 'invalid-multipart' });
    expect(pulled).toBeLessThan(4);
    // A leading blank line and a quoted boundary are fine.
    const { body } = multipartBody([{ name: 'view', value: 'top' }], 'q b');
    const quoted = await readMultipart(post(new Uint8Array(Buffer.concat([Buffer.from('\r\n'), body])), 'multipart/form-data; boundary="q b"'), { maxBytes: 1000, fieldNames: ['view'] });
    expect(quoted.fields).toEqual({ view: 'top' });
  });

  it('answers a missing or garbled boundary with 400 or 415, never a crash', async () => {
    expect((await refusal(readMultipart(post('x', 'multipart/form-data'), { maxBytes: 1000, fieldNames: 'any' }))).status).toBe(415);
    expect((await refusal(readMultipart(post('garbage without boundaries', 'multipart/form-data; boundary=B'), { maxBytes: 1000, fieldNames: 'any' }))).status).toBe(400);
  });
});
