/**
 * The practitioner pages over real HTTP: /submit sends anonymous visitors to sign in and tells
 * admins it is for practitioners; /account lists the practitioner's own cases, drafts included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/lib/accounts/index.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

/** Signs in through the API; returns the `Cookie` header value. */
async function signIn(server: RunningServer, email: string): Promise<string> {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { Origin: server.url, 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  expect(response.status).toBe(200);
  return response.headers.getSetCookie()[0]!.split(';')[0]!;
}

function get(server: RunningServer, path: string, cookie?: string): Promise<Response> {
  return fetch(server.url + path, { redirect: 'manual', headers: cookie ? { Cookie: cookie } : {} });
}

describe('practitioner pages', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server?.stop());

  it('sends an anonymous visitor of /submit to sign in, and back (draft id included)', async () => {
    const plain = await get(server, '/submit');
    expect(plain.status).toBe(302);
    expect(new URL(plain.headers.get('location')!, server.url).pathname).toBe('/login');
    expect(new URL(plain.headers.get('location')!, server.url).searchParams.get('next')).toBe('/submit');
    const draft = await get(server, '/submit?id=abc');
    expect(new URL(draft.headers.get('location')!, server.url).searchParams.get('next')).toBe('/submit?id=abc');
  });

  it('serves /submit to a practitioner (the island) and explains itself to an admin', async () => {
    const ana = await get(server, '/submit', await signIn(server, 'ana@healed.test'));
    expect(ana.status).toBe(200);
    expect(ana.headers.get('cache-control')).toContain('no-store');
    const page = await ana.text();
    expect(page).toContain('<astro-island');
    expect(page).not.toMatch(/\sstyle="/);
    const admin = await (await get(server, '/submit', await signIn(server, 'admin@healed.test'))).text();
    expect(admin).not.toContain('<astro-island');
    expect(admin).toContain('submitted by practitioners');
  });

  it('lists on /account the draft ana created through the API, and not on ben’s', async () => {
    const cookie = await signIn(server, 'ana@healed.test');
    const created = await fetch(`${server.url}/api/submissions`, {
      method: 'POST',
      headers: { Origin: server.url, 'content-type': 'application/json', Cookie: cookie },
      body: JSON.stringify({ treatment: 'scar-correction', profile: { fitzpatrick: 'II', scarType: 'fut' }, sessions: ['2025-01-10'] }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };

    const account = await (await get(server, '/account', cookie)).text();
    const row = new RegExp(`<li[^>]*data-submission-id="${id}"[\\s\\S]*?</li>`).exec(account)?.[0];
    expect(row, 'a row for the new draft').toBeDefined();
    expect(row).toContain('Scar correction');
    expect(row).toContain('Draft');
    expect(row).toContain(`href="/submit?id=${id}"`);
    expect(account).toContain('href="/submit"');

    const ben = await (await get(server, '/account', await signIn(server, 'ben@healed.test'))).text();
    expect(ben).toContain('My cases');
    expect(ben).not.toContain(id);
  });
});
