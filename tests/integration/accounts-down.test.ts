/**
 * A broken accounts database takes down only what needs it (issue 8, observation 8): galleries,
 * search, images and health keep answering; sign-in and the account routes answer 503.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstCasePath, makeTempDir, startServer, type RunningServer } from '../helpers/server.ts';
import { cp } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { repoRoot } from '../helpers/server.ts';

let server: RunningServer;
beforeAll(async () => {
  const dataDir = makeTempDir('data');
  // Not a database at all: every open and query fails (SQLITE_NOTADB).
  writeFileSync(path.join(dataDir, 'healed.db'), 'this file was overwritten by a broken backup job\n'.repeat(200));
  const built = path.join(repoRoot, 'data/variants');
  if (existsSync(built)) await cp(built, path.join(dataDir, 'variants'), { recursive: true });
  server = await startServer({ dataDir });
});
afterAll(() => server?.stop());

describe('with the accounts database unusable', () => {
  it('serves the galleries, search and images', async () => {
    const casePath = await firstCasePath(server.url);
    for (const page of ['/', casePath, '/treatments/', '/sitemap.xml', '/api/search?q=crown']) {
      expect((await fetch(server.url + page)).status, page).toBe(200);
    }
    const img = (await (await fetch(server.url + casePath)).text()).match(/src="(\/img\/[^"]+)"/)![1]!;
    expect((await fetch(server.url + img)).status).toBe(200);
  });

  it('says so in health, with 200 (degraded): the galleries are up', async () => {
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'degraded', accounts: { ok: false, code: 'accounts-unavailable' }, search: { ok: true } });
  });

  it('answers 503 JSON with Retry-After on sign-in and the account routes', async () => {
    const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { origin: server.url, 'content-type': 'application/json' }, body: '{"email":"ana@healed.test","password":"x"}' });
    expect(login.status).toBe(503);
    expect(login.headers.get('retry-after')).toBe('30');
    expect(((await login.json()) as { error: { code: string } }).error.code).toBe('accounts-unavailable');
    for (const page of ['/login', '/account', '/admin/', '/api/submissions']) expect((await fetch(server.url + page, { redirect: 'manual' })).status, page).toBe(503);
  });

  it('logs why, once per retry, with the file it could not use', () => {
    expect(server.stderr()).toMatch(/\[accounts\] .*not a database|\[accounts\] .*healed\.db/i);
  });
});
