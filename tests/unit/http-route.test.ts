import type { APIContext } from 'astro';
import { describe, expect, it, vi } from 'vitest';
import { apiRoute, HttpError, sendBack } from '../../src/lib/http/index.ts';
import { resolveSite } from '../../src/lib/config/resolve.ts';

const context = (method: string, path = '/api/x') => ({ request: new Request(`http://localhost${path}`, { method }), url: new URL(`http://localhost${path}`) }) as unknown as APIContext;

describe('apiRoute', () => {
  const route = apiRoute({
    GET: () => Response.json({ ok: true }),
    POST: () => {
      throw new HttpError(409, 'not-a-draft', 'Only drafts can be changed.', { status: 'live' }, { 'Retry-After': '1' });
    },
    DELETE: () => {
      throw new TypeError('boom at /srv/healed/src/lib/secret.ts:12');
    },
  });

  it('answers a thrown HttpError as the API\'s JSON error with its status and headers', async () => {
    const response = await route.POST(context('POST'));
    expect(response.status).toBe(409);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ error: { code: 'not-a-draft', message: 'Only drafts can be changed.', status: 'live' } });
  });

  it('answers our own bug with a 500 that shows nothing of it, and logs it', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = await route.DELETE(context('DELETE'));
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text).error.code).toBe('internal-error');
    expect(text).not.toContain('secret.ts');
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
  });

  it('answers other methods 405 with Allow, HEAD through GET, OPTIONS with 204', async () => {
    const put = await route.ALL(context('PUT'));
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, POST, DELETE, HEAD, OPTIONS');
    expect((await put.json()).error.code).toBe('method-not-allowed');
    expect((await route.ALL(context('HEAD'))).status).toBe(200);
    const options = await route.ALL(context('OPTIONS'));
    expect([options.status, options.headers.get('allow')]).toEqual([204, 'GET, POST, DELETE, HEAD, OPTIONS']);
  });
});

describe('sendBack (no-JavaScript forms)', () => {
  it('sends the browser back with the outcome, or with the refusal\'s code', async () => {
    const ok = await sendBack(new URL('http://localhost/admin/reports'), () => ({ closed: '1' }));
    expect([ok.status, ok.headers.get('location')]).toEqual([303, '/admin/reports?closed=1']);
    const refused = await sendBack(new URL('http://localhost/account'), () => {
      throw new HttpError(401, 'wrong-password', 'no');
    });
    expect(refused.headers.get('location')).toBe('/account?error=wrong-password');
  });
});

describe('resolveSite (SITE_URL)', () => {
  it('serves demo mode at http://localhost:PORT, answering as its loopback aliases too', () => {
    expect(resolveSite('', 'demo', 4321)).toEqual({ origin: 'http://localhost:4321', allowedOrigins: ['http://localhost:4321', 'http://127.0.0.1:4321', 'http://[::1]:4321'] });
  });

  it('requires SITE_URL in production, and takes only that origin', () => {
    expect(() => resolveSite('', 'production', 4321)).toThrow(/SITE_URL is required/);
    expect(resolveSite('https://healed.example/', 'production', 4321)).toEqual({ origin: 'https://healed.example', allowedOrigins: ['https://healed.example'] });
  });

  it.each(['healed.example', 'ftp://healed.example', 'https://healed.example/gallery', 'https://healed.example/?a=1', 'https://user:pw@healed.example'])('refuses %s, saying what an origin is', (value) => {
    expect(() => resolveSite(value, 'production', 4321)).toThrow(/not an origin/);
  });
});
