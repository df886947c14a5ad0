import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressResponse, isCompressible, minimumBytes, negotiateCoding, wholeBodyLimit } from '../../src/lib/compression/index.ts';

const page = 'x'.repeat(200) + '<p>Healed</p>'.repeat(400);
const html = (body = page, headers: Record<string, string> = {}) => new Response(body, { headers: { 'Content-Type': 'text/html; charset=utf-8', ...headers } });

describe('negotiateCoding', () => {
  it('prefers Brotli, then gzip, then none', () => {
    expect(negotiateCoding('gzip, deflate, br, zstd')).toBe('br');
    expect(negotiateCoding('gzip, deflate')).toBe('gzip');
    expect(negotiateCoding('deflate')).toBe('identity');
    expect(negotiateCoding('')).toBe('identity');
    expect(negotiateCoding(null)).toBe('identity');
  });

  it('honours q=0 and *', () => {
    expect(negotiateCoding('br;q=0, gzip')).toBe('gzip');
    expect(negotiateCoding('br;q=0.0, gzip;q=0')).toBe('identity');
    expect(negotiateCoding('*')).toBe('br');
    expect(negotiateCoding('br;q=0, *')).toBe('gzip');
    expect(negotiateCoding('GZIP;q=0.5')).toBe('gzip');
  });
});

describe('isCompressible', () => {
  const headers = (type: string, extra: Record<string, string> = {}) => new Headers({ 'Content-Type': type, ...extra });
  it('takes HTML, JSON, CSS, JS, SVG and XML', () => {
    for (const type of ['text/html; charset=utf-8', 'application/json', 'text/css', 'text/javascript', 'application/javascript', 'image/svg+xml', 'application/xml; charset=utf-8', 'application/ld+json']) {
      expect(isCompressible(200, headers(type)), type).toBe(true);
    }
  });
  it('leaves images, encoded, tiny, partial and empty-status answers alone', () => {
    expect(isCompressible(200, headers('image/avif'))).toBe(false);
    expect(isCompressible(200, headers('text/html', { 'Content-Encoding': 'gzip' }))).toBe(false);
    expect(isCompressible(200, headers('text/html', { 'Content-Length': String(minimumBytes - 1) }))).toBe(false);
    expect(isCompressible(200, headers('text/html', { 'Cache-Control': 'no-transform' }))).toBe(false);
    for (const status of [204, 206, 304]) expect(isCompressible(status, headers('text/html'))).toBe(false);
  });
});

describe('compressResponse', () => {
  it('answers Brotli that decodes to the same page, with Vary and no stale length', async () => {
    const response = await compressResponse(html(page, { 'Content-Length': String(page.length), ETag: '"v1"' }), 'br');
    expect(response.headers.get('Content-Encoding')).toBe('br');
    expect(response.headers.get('Vary')).toBe('Accept-Encoding');
    expect(response.headers.get('ETag')).toBe('W/"v1"');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.length).toBeLessThan(page.length / 4);
    // The length said is the compressed one (the page's own length would be stale).
    expect(response.headers.get('Content-Length')).toBe(String(bytes.length));
    expect(brotliDecompressSync(bytes).toString()).toBe(page);
  });

  it('streams a body larger than it compresses whole, in the order it was written', async () => {
    const chunks = Array.from({ length: 40 }, (_, i) => new TextEncoder().encode(`<p>chunk ${i} ${'y'.repeat(wholeBodyLimit / 16)}</p>`));
    const stream = new ReadableStream<Uint8Array>({ pull(controller) { const chunk = chunks.shift(); if (chunk) controller.enqueue(chunk); else controller.close(); } });
    const expected = Array.from({ length: 40 }, (_, i) => `<p>chunk ${i} ${'y'.repeat(wholeBodyLimit / 16)}</p>`).join('');
    const response = await compressResponse(new Response(stream, { headers: { 'Content-Type': 'text/html' } }), 'br');
    expect(response.headers.get('Content-Length')).toBeNull();
    expect(brotliDecompressSync(Buffer.from(await response.arrayBuffer())).toString()).toBe(expected);
  });

  it('answers gzip when only gzip is accepted', async () => {
    const response = await compressResponse(html(), 'gzip');
    expect(response.headers.get('Content-Encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await response.arrayBuffer())).toString()).toBe(page);
  });

  it('still says Vary when it answers uncompressed, and keeps an existing Vary', async () => {
    const response = await compressResponse(html(page, { Vary: 'Origin' }), 'identity');
    expect(response.headers.get('Content-Encoding')).toBeNull();
    expect(response.headers.get('Vary')).toBe('Origin, Accept-Encoding');
    expect(await response.text()).toBe(page);
  });

  it('passes a photo through untouched', async () => {
    const photo = new Response(new Uint8Array(4096), { headers: { 'Content-Type': 'image/jpeg' } });
    const response = await compressResponse(photo, 'br');
    expect(response).toBe(photo);
    expect(response.headers.get('Vary')).toBeNull();
  });

  it('ends the compressed stream with an error when the page stream fails', async () => {
    const failing = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(page));
        controller.error(new Error('render failed'));
      },
    });
    const response = await compressResponse(new Response(failing, { headers: { 'Content-Type': 'text/html' } }), 'gzip');
    await expect(response.arrayBuffer()).rejects.toThrow();
    // The same once the body is past what is compressed whole.
    const big = new TextEncoder().encode('z'.repeat(wholeBodyLimit + 1));
    let sent = false;
    const failingLater = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) return controller.error(new Error('render failed'));
        sent = true;
        controller.enqueue(big);
      },
    });
    const streamed = await compressResponse(new Response(failingLater, { headers: { 'Content-Type': 'text/html' } }), 'br');
    await expect(streamed.arrayBuffer()).rejects.toThrow();
  });
});

describe('compressResponse and Astro', () => {
  it('keeps the cookies Astro attached to the response object (a sign-in keeps its session cookie)', async () => {
    const original = html();
    const cookies = { marker: 'session' };
    Reflect.set(original, Symbol.for('astro.cookies'), cookies);
    const response = await compressResponse(original, 'br');
    expect(response).not.toBe(original);
    expect(Reflect.get(response, Symbol.for('astro.cookies'))).toBe(cookies);
  });
});
