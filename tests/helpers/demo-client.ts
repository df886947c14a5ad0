/**
 * HTTP as the demo accounts: sign in once per user, then send requests the way a page of the site
 * would (same Origin, the user's session cookie). Shared by the integration tests.
 */
import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../../src/lib/accounts/index.ts';
import type { RunningServer } from './server.ts';

export type DemoUser = 'ana' | 'ben' | 'admin';
export type Who = DemoUser | 'anonymous';
type Init = { body?: BodyInit; headers?: Record<string, string> };

/** A client for the server `getServer()` returns (it is started in `beforeAll`, after this is made). */
export function demoClient(getServer: () => RunningServer) {
  const cookies: Partial<Record<DemoUser, string>> = {};

  /** Signs the users in through /api/auth/login and keeps their session cookies. */
  async function signIn(...users: DemoUser[]): Promise<void> {
    for (const user of users) {
      const server = getServer();
      const response = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { Origin: server.url, 'content-type': 'application/json' },
        body: JSON.stringify({ email: `${user}@healed.test`, password: DEMO_PASSWORD }),
      });
      expect(response.status).toBe(200);
      cookies[user] = response.headers.getSetCookie().find((line) => line.startsWith('healed-session='))!.split(';')[0]!;
    }
  }

  /** A request as a page of the site would send it (same Origin), as `who`. */
  function request(who: Who, method: string, urlPath: string, init: Init = {}): Promise<Response> {
    const server = getServer();
    const headers: Record<string, string> = { Origin: server.url, ...init.headers };
    if (who !== 'anonymous') headers.Cookie = cookies[who] ?? '';
    return fetch(server.url + urlPath, { method, headers, body: init.body, redirect: 'manual' });
  }

  const postJson = (who: Who, urlPath: string, body: unknown, headers: Record<string, string> = {}) =>
    request(who, 'POST', urlPath, { body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
  const postForm = (who: Who, urlPath: string, fields: Record<string, string>) =>
    request(who, 'POST', urlPath, { body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

  return { signIn, request, postJson, postForm, cookie: (user: DemoUser) => cookies[user] ?? '' };
}
