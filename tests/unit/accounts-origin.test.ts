import { describe, expect, it } from 'vitest';
import { checkRequestOrigin, refuseForeignOrigin } from '../../src/lib/security/origin.ts';

const site = 'https://healed.example';
/** The configured origins (SITE_URL): the rule compares with these, never with the request's Host. */
const origins = [site];
const none = { origin: null, secFetchSite: null, referer: null };
const allowed = { allowed: true };

describe('origin rule for state-changing requests', () => {
  it.each(['GET', 'HEAD', 'OPTIONS', 'get'])('lets %s through from anywhere', (method) => {
    expect(checkRequestOrigin(method, { ...none, origin: 'https://evil.example' }, origins)).toEqual(allowed);
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('lets a same-origin %s through', (method) => {
    expect(checkRequestOrigin(method, { ...none, origin: site }, origins)).toEqual(allowed);
  });

  it.each([
    ['another site', 'https://evil.example'],
    ['a sibling subdomain', 'https://admin.healed.example'],
    ['http instead of https', 'http://healed.example'],
    ['another port', 'https://healed.example:8443'],
    ['an opaque origin', 'null'],
  ])('refuses a POST whose Origin is %s', (_label, origin) => {
    expect(checkRequestOrigin('POST', { ...none, origin }, origins)).toMatchObject({ allowed: false });
  });

  it('trusts Origin over the other headers', () => {
    expect(checkRequestOrigin('POST', { origin: 'https://evil.example', secFetchSite: 'same-origin', referer: `${site}/x` }, origins)).toMatchObject({ allowed: false });
  });

  it('without Origin, needs Sec-Fetch-Site: same-origin', () => {
    expect(checkRequestOrigin('POST', { ...none, secFetchSite: 'same-origin' }, origins)).toEqual(allowed);
    for (const value of ['cross-site', 'same-site', 'none']) {
      expect(checkRequestOrigin('POST', { ...none, secFetchSite: value }, origins)).toMatchObject({ allowed: false });
    }
  });

  it('without Origin and Sec-Fetch-Site, needs a same-origin Referer', () => {
    expect(checkRequestOrigin('DELETE', { ...none, referer: `${site}/account` }, origins)).toEqual(allowed);
    expect(checkRequestOrigin('DELETE', { ...none, referer: 'https://evil.example/page' }, origins)).toMatchObject({ allowed: false });
    expect(checkRequestOrigin('DELETE', { ...none, referer: 'not a url' }, origins)).toMatchObject({ allowed: false });
  });

  it('lets a request with none of the three through (not from a browser page, so not forgeable by one)', () => {
    expect(checkRequestOrigin('POST', none, origins)).toEqual(allowed);
  });

  it('answers a refusal with 403 JSON bad-origin', async () => {
    const request = new Request(`${site}/api/auth/logout`, { method: 'POST', headers: { origin: 'https://evil.example' } });
    const response = refuseForeignOrigin(request, origins)!;
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe('bad-origin');
    expect(refuseForeignOrigin(new Request(`${site}/x`, { method: 'POST', headers: { origin: site } }), origins)).toBeUndefined();
  });

  it('refuses an Origin that matches the request\'s own (forged) Host but not the configured site', () => {
    const request = new Request('http://evil.example/api/reports', { method: 'POST', headers: { origin: 'http://evil.example' } });
    expect(refuseForeignOrigin(request, origins)?.status).toBe(403);
  });

  it('accepts any of several configured origins (demo mode answers as localhost and 127.0.0.1)', () => {
    const demo = ['http://localhost:4321', 'http://127.0.0.1:4321'];
    expect(checkRequestOrigin('POST', { ...none, origin: 'http://127.0.0.1:4321' }, demo)).toEqual(allowed);
    expect(checkRequestOrigin('POST', { ...none, origin: 'http://127.0.0.1:4322' }, demo)).toMatchObject({ allowed: false });
  });
});
