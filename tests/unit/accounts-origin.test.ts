import { describe, expect, it } from 'vitest';
import { checkRequestOrigin, refuseForeignOrigin } from '../../src/lib/security/origin.ts';

const site = 'https://healed.example';
const none = { origin: null, secFetchSite: null, referer: null };
const allowed = { allowed: true };

describe('origin rule for state-changing requests', () => {
  it.each(['GET', 'HEAD', 'OPTIONS', 'get'])('lets %s through from anywhere', (method) => {
    expect(checkRequestOrigin(method, { ...none, origin: 'https://evil.example' }, site)).toEqual(allowed);
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('lets a same-origin %s through', (method) => {
    expect(checkRequestOrigin(method, { ...none, origin: site }, site)).toEqual(allowed);
  });

  it.each([
    ['another site', 'https://evil.example'],
    ['a sibling subdomain', 'https://admin.healed.example'],
    ['http instead of https', 'http://healed.example'],
    ['another port', 'https://healed.example:8443'],
    ['an opaque origin', 'null'],
  ])('refuses a POST whose Origin is %s', (_label, origin) => {
    expect(checkRequestOrigin('POST', { ...none, origin }, site)).toMatchObject({ allowed: false });
  });

  it('trusts Origin over the other headers', () => {
    expect(checkRequestOrigin('POST', { origin: 'https://evil.example', secFetchSite: 'same-origin', referer: `${site}/x` }, site)).toMatchObject({ allowed: false });
  });

  it('without Origin, needs Sec-Fetch-Site: same-origin', () => {
    expect(checkRequestOrigin('POST', { ...none, secFetchSite: 'same-origin' }, site)).toEqual(allowed);
    for (const value of ['cross-site', 'same-site', 'none']) {
      expect(checkRequestOrigin('POST', { ...none, secFetchSite: value }, site)).toMatchObject({ allowed: false });
    }
  });

  it('without Origin and Sec-Fetch-Site, needs a same-origin Referer', () => {
    expect(checkRequestOrigin('DELETE', { ...none, referer: `${site}/account` }, site)).toEqual(allowed);
    expect(checkRequestOrigin('DELETE', { ...none, referer: 'https://evil.example/page' }, site)).toMatchObject({ allowed: false });
    expect(checkRequestOrigin('DELETE', { ...none, referer: 'not a url' }, site)).toMatchObject({ allowed: false });
  });

  it('lets a request with none of the three through (not from a browser page, so not forgeable by one)', () => {
    expect(checkRequestOrigin('POST', none, site)).toEqual(allowed);
  });

  it('answers a refusal with 403 JSON bad-origin', async () => {
    const request = new Request(`${site}/api/auth/logout`, { method: 'POST', headers: { origin: 'https://evil.example' } });
    const response = refuseForeignOrigin(request, new URL(request.url))!;
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe('bad-origin');
    expect(refuseForeignOrigin(new Request(`${site}/x`, { method: 'POST', headers: { origin: site } }), new URL(`${site}/x`))).toBeUndefined();
  });
});
