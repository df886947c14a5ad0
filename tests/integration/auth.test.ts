/**
 * Accounts over real HTTP against the built server: demo sign-in, cookie flags, /api/me, logout,
 * the lockout, cross-site refusals, the no-JS login form, /account, route-cache isolation, the
 * audit log, `npm run user:add`, and production mode's refusal to run with demo accounts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, hashPassword, seedDemoAccounts } from '../../src/lib/accounts/index.ts';
import { createDatabase, databaseFile, insertUser } from '../../src/lib/db/index.ts';
import { runScript } from '../helpers/run-script.ts';
import { freePort, makeTempDir, repoRoot, serveScript, shippedPortfolios, startServer, type RunningServer } from '../helpers/server.ts';

const cookieName = 'healed-session';

/** A request as a page of the site itself would send it (browsers add Origin to every POST). */
function post(server: RunningServer, urlPath: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const isForm = body instanceof URLSearchParams;
  return fetch(server.url + urlPath, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: server.url, 'content-type': isForm ? 'application/x-www-form-urlencoded' : 'application/json', ...headers },
    body: isForm ? body.toString() : JSON.stringify(body),
  });
}

function get(server: RunningServer, urlPath: string, cookie?: string): Promise<Response> {
  return fetch(server.url + urlPath, { redirect: 'manual', headers: cookie ? { Cookie: cookie } : {} });
}

/** The `Set-Cookie` line for the session cookie, if any. */
function sessionSetCookie(response: Response, name = cookieName): string | undefined {
  return response.headers.getSetCookie().find((line) => line.startsWith(`${name}=`));
}

/** `name=value` for a Cookie header, from a response that set it. */
function cookieFrom(response: Response, name = cookieName): string {
  const line = sessionSetCookie(response, name);
  if (!line) throw new Error(`no ${name} cookie in ${JSON.stringify(response.headers.getSetCookie())}`);
  return line.split(';')[0]!;
}

async function signIn(server: RunningServer, email: string, password = DEMO_PASSWORD): Promise<string> {
  const response = await post(server, '/api/auth/login', { email, password });
  expect(response.status, await response.clone().text()).toBe(200);
  return cookieFrom(response);
}

/** Runs `npm run user:add -- …` against a DATA_DIR. */
function userAdd(dataDir: string, args: string[], stdin: string) {
  return runScript('user-add', args, { DATA_DIR: dataDir, PORTFOLIOS_DIR: shippedPortfolios }, stdin);
}

describe('accounts on the built server (demo mode)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server?.stop());

  it('signs ana in: 200 with her user, and an HttpOnly, SameSite=Lax session cookie (not Secure in demo mode)', async () => {
    const response = await post(server, '/api/auth/login', { email: 'Ana@Healed.test', password: DEMO_PASSWORD });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ user: { id: expect.any(Number), email: 'ana@healed.test', role: 'practitioner', practitionerSlug: 'ana-ribeiro' } });
    const line = sessionSetCookie(response)!;
    expect(line).toMatch(/; HttpOnly/i);
    expect(line).toMatch(/; SameSite=Lax/i);
    expect(line).toMatch(/; Path=\//i);
    expect(line).toMatch(/; Max-Age=604\d{3}/i);
    expect(line).not.toMatch(/; Secure/i);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('knows who is signed in on /api/me, and nobody after logout', async () => {
    const cookie = await signIn(server, 'ana@healed.test');
    const me = await get(server, '/api/me', cookie);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { email: 'ana@healed.test', role: 'practitioner', practitionerSlug: 'ana-ribeiro' } });

    const logout = await post(server, '/api/auth/logout', {}, { Cookie: cookie });
    expect(logout.status).toBe(204);
    expect(sessionSetCookie(logout)).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/i);

    const after = await get(server, '/api/me', cookie);
    expect(after.status).toBe(401);
    expect((await after.json()).error.code).toBe('unauthenticated');
  });

  it('answers 401 on /api/me without a cookie or with a made-up one', async () => {
    expect((await get(server, '/api/me')).status).toBe(401);
    expect((await get(server, '/api/me', `${cookieName}=made-up-token`)).status).toBe(401);
  });

  it('answers a wrong password and an unknown email with the same 401', async () => {
    const wrong = await post(server, '/api/auth/login', { email: 'admin@healed.test', password: 'not-the-password' });
    const unknown = await post(server, '/api/auth/login', { email: 'nobody@healed.test', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [await wrong.json(), await unknown.json()];
    expect(a).toEqual(b);
    expect(a.error.code).toBe('invalid-credentials');
    expect(sessionSetCookie(wrong)).toBeUndefined();
  });

  it('answers 400 naming the field for a malformed body', async () => {
    const response = await post(server, '/api/auth/login', { email: 'not-an-email', password: 'x' });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ code: 'invalid-request', field: 'email', message: expect.stringMatching(/^email: /) });
  });

  it('locks out after 5 failures: the 6th attempt is 429 with Retry-After, and even the right password is refused', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await post(server, '/api/auth/login', { email: 'ben@healed.test', password: `guess-${i}` })).status).toBe(401);
    }
    const locked = await post(server, '/api/auth/login', { email: 'ben@healed.test', password: 'guess-6' });
    expect(locked.status).toBe(429);
    expect((await locked.json()).error.code).toBe('too-many-attempts');
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(900);

    const right = await post(server, '/api/auth/login', { email: 'ben@healed.test', password: DEMO_PASSWORD });
    expect(right.status).toBe(429);
    expect(sessionSetCookie(right)).toBeUndefined();
  });

  it('refuses cross-site writes with 403 bad-origin, changing nothing', async () => {
    const cookie = await signIn(server, 'ana@healed.test');
    const foreign = await post(server, '/api/auth/logout', {}, { Cookie: cookie, Origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect((await foreign.json()).error.code).toBe('bad-origin');
    expect(sessionSetCookie(foreign)).toBeUndefined();
    expect((await get(server, '/api/me', cookie)).status).toBe(200);

    // Without Origin, a cross-site Sec-Fetch-Site is refused too; JSON bodies are not exempt.
    const noOrigin = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'Sec-Fetch-Site': 'cross-site' },
      body: JSON.stringify({ email: 'ana@healed.test', password: DEMO_PASSWORD }),
    });
    expect(noOrigin.status).toBe(403);
    expect(sessionSetCookie(noOrigin)).toBeUndefined();
  });

  it('sends anonymous visitors of /account to /login, and back after signing in', async () => {
    const anonymous = await get(server, '/account');
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toBe('/login?next=%2Faccount');

    const cookie = await signIn(server, 'ana@healed.test');
    const page = await get(server, '/account', cookie);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toMatch(/no-store/);
    const html = await page.text();
    expect(html).toContain('ana@healed.test');
    expect(html).toContain('Practitioner');
    expect(html).toContain('href="/practitioners/ana-ribeiro/"');
    expect(html).toMatch(/<form method="post" action="\/api\/auth\/logout"/);
    expect(html).toContain('My cases');
  });

  it('signs in through the login form without JavaScript, and shows errors next to the field', async () => {
    const page = await get(server, '/login?next=%2Faccount');
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<form[^>]*method="post"/);

    const form = (email: string, password: string) => new URLSearchParams({ email, password });
    const wrong = await post(server, '/login?next=%2Faccount', form('admin@healed.test', 'nope'));
    expect(wrong.status).toBe(401);
    const html = await wrong.text();
    expect(html).toContain('id="password-error"');
    expect(html).toContain('That email and password do not match an account.');
    expect(html).toContain('value="admin@healed.test"');

    const invalid = await post(server, '/login', form('not-an-email', 'x'));
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toContain('id="email-error"');

    const ok = await post(server, '/login?next=%2Faccount', form('admin@healed.test', DEMO_PASSWORD));
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/account');
    const cookie = cookieFrom(ok);
    expect(await (await get(server, '/api/me', cookie)).json()).toMatchObject({ user: { role: 'admin', practitionerSlug: null } });

    const offsite = await post(server, `/login?next=${encodeURIComponent('//evil.example/')}`, form('admin@healed.test', DEMO_PASSWORD));
    expect(offsite.headers.get('location')).toBe('/account');

    const logout = await post(server, '/api/auth/logout', new URLSearchParams(), { Cookie: cookie });
    expect(logout.status).toBe(303);
    expect(logout.headers.get('location')).toBe('/login?signed-out=1');
  });

  it('never stores a page rendered for a session in the route cache, nor shows the user on public pages', async () => {
    const cookie = await signIn(server, 'ana@healed.test');
    const urlPath = '/practitioners/ben-carter/';
    const signedIn = await get(server, urlPath, cookie);
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('x-astro-cache')).toBeNull();
    expect(signedIn.headers.get('cache-control')).toMatch(/private, no-store/);
    expect(await signedIn.text()).not.toContain('ana@healed.test');

    const firstAnonymous = await get(server, urlPath);
    expect(firstAnonymous.headers.get('x-astro-cache'), 'the signed-in render was not stored').toBe('MISS');
    expect(await firstAnonymous.text()).not.toContain('ana@healed.test');
    const cached = await get(server, urlPath);
    expect(cached.headers.get('x-astro-cache')).toBe('HIT');

    // A signed-in visitor may be served the shared anonymous copy: it holds nothing of theirs.
    const signedInAgain = await get(server, urlPath, cookie);
    expect(await signedInAgain.text()).not.toContain('ana@healed.test');
  });

  it('writes sign-ins, failures, lockouts and logouts to the append-only audit log', () => {
    const db = new DatabaseSync(databaseFile(server.dataDir));
    try {
      const actions = new Set((db.prepare('SELECT action FROM audit_events').all() as Array<{ action: string }>).map((row) => row.action));
      expect([...actions]).toEqual(expect.arrayContaining(['user.create', 'auth.login.success', 'auth.login.failure', 'auth.login.locked', 'auth.logout']));
      expect(() => db.exec('DELETE FROM audit_events')).toThrow(/append-only/);
    } finally {
      db.close();
    }
  });

  it('npm run user:add creates an admin in the running server\'s DATA_DIR who can sign in', async () => {
    const added = await userAdd(server.dataDir, ['--email', 'Ops@Example.com', '--role', 'admin', '--password-stdin'], 'a long admin passphrase\n');
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/created admin ops@example\.com \(id \d+\) in .*healed\.db/);
    const response = await post(server, '/api/auth/login', { email: 'ops@example.com', password: 'a long admin passphrase' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ user: { email: 'ops@example.com', role: 'admin', practitionerSlug: null } });
  });

  it.each([
    [['--email', 'p@example.com', '--role', 'practitioner', '--practitioner', 'no-such-portfolio-zz9'], /no portfolio "no-such-portfolio-zz9"/],
    [['--email', 'p@example.com', '--role', 'practitioner'], /needs --practitioner SLUG/],
    [['--email', 'p@example.com', '--role', 'owner'], /--role must be admin or practitioner/],
    [['--email', 'not-an-email', '--role', 'admin'], /--email "not-an-email"/],
    [['--email', 'ana@healed.test', '--role', 'admin'], /already exists/],
    [['--email', 'short@example.com', '--role', 'admin'], /at least 12 characters/],
  ])('npm run user:add refuses %j with exit code 2', async (args, message) => {
    const result = await userAdd(server.dataDir, [...args, '--password-stdin'], 'short\n');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});

describe('production mode', () => {
  it('refuses accounts while demo accounts exist: sign-in 503, galleries still served, health says why, and so does the log', async () => {
    const dataDir = makeTempDir('data');
    const db = createDatabase(dataDir);
    await seedDemoAccounts(db);
    db.close();

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    let stderr = '';
    const child: ChildProcess = spawn(process.execPath, [serveScript], {
      cwd: repoRoot,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), SITE_URL: url, DATA_DIR: dataDir, PORTFOLIOS_DIR: shippedPortfolios, HEALED_MODE: 'production' },
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    try {
      // Not startServer: it waits for variants this server's temp DATA_DIR would make first.
      let health: Response | undefined;
      const deadline = Date.now() + 60_000;
      while (!health && child.exitCode === null && Date.now() < deadline) {
        health = await fetch(`${url}/api/health`).catch(() => undefined);
        if (!health) await new Promise((resolve) => setTimeout(resolve, 150));
      }
      expect(health?.status).toBe(200);
      expect(await health!.json()).toMatchObject({ status: 'degraded', accounts: { ok: false, code: 'demo-accounts-in-production' } });
      // The galleries need no account: a visitor comparing healed results is still served.
      const home = await fetch(`${url}/`);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('</html>');

      const login = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { Origin: url, 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'ana@healed.test', password: DEMO_PASSWORD }),
      });
      expect(login.status).toBe(503);
      expect((await login.json()).error.code).toBe('demo-accounts-in-production');
      expect(login.headers.getSetCookie()).toEqual([]);
      expect((await fetch(`${url}/login`)).status).toBe(503);
      expect(stderr).toMatch(/HEALED_MODE=production refuses to start: .*healed\.db holds demo accounts .*admin@healed\.test/);
    } finally {
      child.kill('SIGTERM');
    }
  }, 90_000);

  describe('without demo accounts', () => {
    let server: RunningServer;
    beforeAll(async () => {
      const dataDir = makeTempDir('data');
      const db = createDatabase(dataDir);
      insertUser(db, { email: 'ops@example.com', passwordHash: await hashPassword('a long admin passphrase'), role: 'admin', practitionerSlug: null });
      db.close();
      // startServer copies the build's variants only into folders it makes itself: copy them here,
      // or the server re-encodes every photo before it counts as ready.
      const builtVariants = path.join(repoRoot, 'data/variants');
      if (existsSync(builtVariants)) await cp(builtVariants, path.join(dataDir, 'variants'), { recursive: true });
      server = await startServer({ dataDir, env: { HEALED_MODE: 'production' } });
    });
    afterAll(() => server?.stop());

    it('serves, seeds nothing, and sets a Secure __Host- session cookie', async () => {
      expect((await post(server, '/api/auth/login', { email: 'ana@healed.test', password: DEMO_PASSWORD })).status).toBe(401);
      const response = await post(server, '/api/auth/login', { email: 'ops@example.com', password: 'a long admin passphrase' });
      expect(response.status).toBe(200);
      const line = sessionSetCookie(response, '__Host-healed-session')!;
      expect(line).toMatch(/; Secure/i);
      expect(line).toMatch(/; HttpOnly/i);
      const me = await get(server, '/api/me', cookieFrom(response, '__Host-healed-session'));
      expect(me.status).toBe(200);
    });
  });
});
