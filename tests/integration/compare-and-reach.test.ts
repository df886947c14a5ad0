/**
 * Issue 11 on the built server: like-for-like comparison (the matchingCases rule), the search's
 * profile filters, the practitioner directory, consultation requests (privacy, limits, honeypot,
 * mail through a real SMTP server) and profile edits that go live at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClient } from '../helpers/demo-client.ts';
import { copyPortfolios, startServer, type RunningServer } from '../helpers/server.ts';
import { startSmtpServer } from '../helpers/smtp.ts';

let server: RunningServer;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const client = demoClient(() => server);

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startServer({ portfoliosDir: await copyPortfolios(), env: { SMTP_URL: smtp.url, SMTP_FROM: 'Healed <no-reply@healed.test>' } });
  await client.signIn('ana', 'ben', 'admin');
});
afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
});

interface Compared { slug: string; matchingCases: number; healedMatchingCases: number; longestHealedDays: number; verifiedShare: number; bestCase: { id: string; url: string } }
const getJson = async <T,>(path: string): Promise<{ status: number; body: T }> => {
  const response = await fetch(server.url + path);
  return { status: response.status, body: (await response.json()) as T };
};

describe('GET /api/compare', () => {
  const profiles = ['treatment=male-pattern-baldness&norwood=5&fitzpatrick=III', 'treatment=female-hair-loss&ludwig=II', 'treatment=scar-correction&scarType=fut', 'treatment=alopecia-areata&fitzpatrick=IV'];

  it.each(profiles)('%s: matchingCases equals /api/search total with practitioner=<slug>, healed work first', async (query) => {
    const { status, body } = await getJson<{ practitioners: Compared[]; total: number; widened: boolean }>(`/api/compare?${query}`);
    expect(status).toBe(200);
    expect(body.practitioners.length).toBe(Math.min(body.total, 50));
    // When widened, search must be asked the widened profile: the rule holds for the profile the ranking used.
    const searchQuery = body.widened ? query.replace(/norwood=(\d)/, (_m, n) => [Number(n) - 1, Number(n), Number(n) + 1].filter((x) => x >= 1 && x <= 7).map((x) => `norwood=${x}`).join('&')).replace(/fitzpatrick=(\w+)/, (_m, t) => neighbours(t).map((x) => `fitzpatrick=${x}`).join('&')) : query;
    for (const p of body.practitioners) {
      const search = await getJson<{ total: number }>(`/api/search?${searchQuery}&practitioner=${p.slug}&perPage=1`);
      expect(p.matchingCases, p.slug).toBe(search.body.total);
      const healed = await getJson<{ total: number }>(`/api/search?${searchQuery}&practitioner=${p.slug}&healed=true&perPage=1`);
      expect(p.healedMatchingCases, p.slug).toBe(healed.body.total);
      expect(p.bestCase.url).toBe(`/cases/${p.bestCase.id}/`);
    }
    for (let i = 1; i < body.practitioners.length; i++) {
      const [a, b] = [body.practitioners[i - 1]!, body.practitioners[i]!];
      expect(a.healedMatchingCases > b.healedMatchingCases || (a.healedMatchingCases === b.healedMatchingCases && a.matchingCases >= b.matchingCases), `${a.slug} before ${b.slug}`).toBe(true);
    }
  });

  it('has at least three practitioners with cases of each treatment\'s commonest profile in the demo content', async () => {
    for (const treatment of ['male-pattern-baldness', 'female-hair-loss', 'post-transplant-density', 'scar-correction', 'alopecia-areata']) {
      const hits: Array<{ profile: { norwood?: number; ludwig?: string; fitzpatrick: string; scarType?: string } }> = [];
      for (let page = 1; ; page++) {
        const { body } = await getJson<{ hits: typeof hits; total: number }>(`/api/search?treatment=${treatment}&perPage=50&page=${page}`);
        hits.push(...body.hits);
        if (hits.length >= body.total) break;
      }
      const counts = new Map<string, number>();
      const params = (p: (typeof hits)[number]['profile']) =>
        new URLSearchParams([['treatment', treatment], ...(p.norwood ? [['norwood', String(p.norwood)]] : []), ...(p.ludwig ? [['ludwig', p.ludwig]] : []), ['fitzpatrick', p.fitzpatrick], ...(p.scarType ? [['scarType', p.scarType]] : [])]).toString();
      for (const hit of hits) counts.set(params(hit.profile), (counts.get(params(hit.profile)) ?? 0) + 1);
      const commonest = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
      const { body } = await getJson<{ total: number; widened: boolean }>(`/api/compare?${commonest}`);
      expect({ commonest, widened: body.widened, enough: body.total >= 3 }).toEqual({ commonest, widened: false, enough: true });
    }
  });

  it('answers 400 naming a bad or unknown parameter', async () => {
    for (const [query, parameter] of [['norwood=9', 'norwood'], ['q=crown', 'q'], ['scarType=burn', 'scarType'], ['radiusKm=10', 'radiusKm']]) {
      const { status, body } = await getJson<{ error: { code: string; parameter: string } }>(`/api/compare?${query}`);
      expect([status, body.error.parameter], query).toEqual([400, parameter]);
    }
  });

  it('renders /compare with a side-by-side view of the picked practitioners, without JavaScript', async () => {
    const { body } = await getJson<{ practitioners: Compared[] }>(`/api/compare?treatment=male-pattern-baldness`);
    const picks = body.practitioners.slice(0, 2).map((p) => p.slug);
    const html = await (await fetch(`${server.url}/compare?treatment=male-pattern-baldness&pick=${picks[0]}&pick=${picks[1]}`)).text();
    expect(html).toContain('Side by side');
    for (const slug of picks) expect(html).toMatch(new RegExp(`<input type="checkbox" name="pick" value="${slug}" checked`));
    expect(html.indexOf('Side by side')).toBeLessThan(html.indexOf(`data-practitioner="${picks[0]}"`));
  });
});

function neighbours(type: string): string[] {
  const types = ['I', 'II', 'III', 'IV', 'V', 'VI'];
  const i = types.indexOf(type);
  return types.filter((_, j) => Math.abs(j - i) <= 1);
}

describe('search profile filters and the directory', () => {
  it('takes scarType and practitioner, and counts Norwood, Ludwig and scar type', async () => {
    const { status, body } = await getJson<{ total: number; facets: Record<string, Record<string, number>>; hits: Array<{ profile: { scarType?: string } }> }>('/api/search?scarType=fut&perPage=50');
    expect(status).toBe(200);
    expect(body.total).toBeGreaterThan(0);
    expect(body.hits.every((h) => h.profile.scarType === 'fut')).toBe(true);
    expect(body.facets.scarType).toEqual({ fut: body.total });
    const all = await getJson<{ facets: Record<string, Record<string, number>> }>('/api/search?perPage=1');
    expect(Object.keys(all.body.facets.norwood ?? {}).length).toBeGreaterThan(1);
    expect(Object.keys(all.body.facets.ludwig ?? {}).length).toBeGreaterThan(0);
  });

  it('lists everyone with published work at /practitioners/, by verified healed cases, filterable, and in the sitemap', async () => {
    const html = await (await fetch(`${server.url}/practitioners/`)).text();
    const listed = [...html.matchAll(/<h2[^>]*><a href="\/practitioners\/([a-z0-9-]+)\/"/g)].map((m) => m[1]!);
    expect(listed.length).toBeGreaterThanOrEqual(3);
    const healedCounts = [...html.matchAll(/<strong[^>]*>(\d+)<\/strong> verified healed of/g)].map((m) => Number(m[1]));
    expect(healedCounts).toEqual([...healedCounts].sort((a, b) => b - a));
    const scar = await (await fetch(`${server.url}/practitioners/?treatment=scar-correction`)).text();
    const scarListed = [...scar.matchAll(/<h2[^>]*><a href="\/practitioners\/([a-z0-9-]+)\/"/g)].map((m) => m[1]!);
    const withScarCases = await getJson<{ facets: unknown }>('/api/compare?treatment=scar-correction');
    expect(scarListed.length).toBe((withScarCases.body as unknown as { total: number }).total);
    expect((await fetch(`${server.url}/practitioners/?treatment=nonsense`)).status).toBe(400);
    expect(await (await fetch(`${server.url}/sitemap.xml`)).text()).toContain('/practitioners/</loc>');
  });

  it('shows the client profile in short on listing cards', async () => {
    const html = await (await fetch(`${server.url}/treatments/male-pattern-baldness/`)).text();
    expect(html).toMatch(/<p class="profile"[^>]*>Norwood \d · Type (I|II|III|IV|V|VI)/);
  });
});

describe('consultation requests', () => {
  const send = (body: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/inquiries`, { method: 'POST', headers: { origin: server.url, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), redirect: 'manual' });
  const request = { practitioner: 'ana-ribeiro', name: 'Sam Client', contact: 'sam@example.com', message: 'Norwood 5, type IV: could you do the same for me?' };

  it('reach the practitioner by mail and in their account, and nobody else', async () => {
    const sent = await send(request);
    expect(sent.status).toBe(201);
    const { id } = (await sent.json()) as { id: string };
    const mail = await smtp.next();
    expect(mail.to).toEqual(['ana@healed.test']);
    expect(mail.raw).toContain('Sam Client');
    const own = (await (await client.request('ana', 'GET', '/api/inquiries')).json()) as { inquiries: Array<{ id: string; contact: string }> };
    expect(own.inquiries.map((i) => i.id)).toContain(id);
    const page = await (await client.request('ana', 'GET', '/account/inquiries')).text();
    expect(page).toContain('sam@example.com');
    const bens = (await (await client.request('ben', 'GET', '/api/inquiries')).json()) as { inquiries: unknown[] };
    expect(JSON.stringify(bens)).not.toContain('Sam Client');
    expect((await client.request('ben', 'POST', `/api/inquiries/${id}/handled`)).status).toBe(404);
    const counts = await (await client.request('admin', 'GET', '/api/admin/inquiries')).text();
    expect(counts).toContain('ana-ribeiro');
    expect(counts).not.toContain('Sam Client');
    expect((await client.request('admin', 'GET', '/api/inquiries')).status).toBe(403);
    // The published pages never show a client's contact.
    expect(await (await fetch(`${server.url}/practitioners/ana-ribeiro/`)).text()).not.toContain('sam@example.com');
    expect((await client.request('ana', 'POST', `/api/inquiries/${id}/handled`)).status).toBe(200);
  });

  it('works as a plain form from the practitioner page, landing on /inquiry-sent', async () => {
    const page = await (await fetch(`${server.url}/practitioners/ben-carter/`)).text();
    expect(page).toContain('action="/api/inquiries"');
    const response = await fetch(`${server.url}/api/inquiries`, {
      method: 'POST', redirect: 'manual',
      headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ practitioner: 'ben-carter', name: 'Form User', contact: '+44 20 7946 0958', message: 'Do you treat FUT scars?', website: '' }).toString(),
    });
    expect([response.status, response.headers.get('location')]).toEqual([303, '/inquiry-sent?practitioner=ben-carter&sent=received']);
    expect((await fetch(`${server.url}/inquiry-sent?practitioner=ben-carter&sent=received`)).status).toBe(200);
  });

  it('answers a robot that fills the hidden field like a person, and keeps nothing', async () => {
    const before = ((await (await client.request('ana', 'GET', '/api/inquiries')).json()) as { inquiries: unknown[] }).inquiries.length;
    expect((await send({ ...request, name: 'Spam Bot', website: 'http://spam.example' })).status).toBe(201);
    const after = ((await (await client.request('ana', 'GET', '/api/inquiries')).json()) as { inquiries: unknown[] }).inquiries.length;
    expect(after).toBe(before);
  });

  it('refuses bad input with 400 naming the field, and an unknown practitioner with 404', async () => {
    const bad = await send({ ...request, contact: 'whenever' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('contact');
    expect((await send({ ...request, practitioner: 'no-such-person' })).status).toBe(404);
  });

  it('refuses the sixth request in an hour from one address with 429 and Retry-After (last: it uses up this address)', async () => {
    const statuses: number[] = [];
    let retry: string | null = null;
    for (let i = 0; i < 7; i++) {
      const response = await send({ ...request, practitioner: 'ben-carter', name: `Caller ${i}` });
      statuses.push(response.status);
      if (response.status === 429) retry = response.headers.get('retry-after');
    }
    expect(statuses).toContain(429);
    expect(statuses.slice(statuses.indexOf(429)).every((s) => s === 429)).toBe(true);
    expect(Number(retry)).toBeGreaterThan(0);
  });
});

describe('profile edits', () => {
  it('go live at once: page, search and listings show the new place; the audit log has it', async () => {
    expect(await (await fetch(`${server.url}/practitioners/ana-ribeiro/`)).text()).not.toContain('Book a consultation');
    const response = await client.postForm('ana', '/account/profile', { bio: 'Pigment specialist for darker skin types.', clinic: 'Ribeiro SMP', place: 'GB/London', languages: 'pt, en', website: 'https://ana.example', booking: 'https://book.example/ana' });
    expect([response.status, response.headers.get('location')]).toEqual([303, '/account/profile?saved=1']);
    const page = await (await fetch(`${server.url}/practitioners/ana-ribeiro/`)).text();
    expect(page).toContain('Pigment specialist for darker skin types.');
    expect(page).toContain('href="https://book.example/ana"');
    expect(page).toMatch(/London, United Kingdom/);
    const search = await getJson<{ hits: Array<{ practitioner: { slug: string }; city: string }> }>('/api/search?city=London&practitioner=ana-ribeiro&perPage=50');
    expect(search.body.hits.length).toBeGreaterThan(0);
    expect(search.body.hits.every((h) => h.city === 'London')).toBe(true);
    const audit = (await (await client.request('admin', 'GET', '/api/admin/audit?limit=20')).json()) as { events: Array<{ action: string; subject: string }> };
    expect(audit.events.find((e) => e.action === 'practitioner.profile.update')?.subject).toBe('practitioner:ana-ribeiro');
  });

  it('are refused with the field named, and the page keeps what was typed', async () => {
    const api = await client.postJson('ana', '/api/account/profile', { place: 'GB/London', website: 'javascript:alert(1)' });
    expect(api.status).toBe(400);
    expect(((await api.json()) as { error: { field: string } }).error.field).toBe('website');
    const form = await client.postForm('ana', '/account/profile', { bio: 'kept text', place: 'ZZ/Nowhere', languages: '' });
    expect(form.status).toBe(400);
    const html = await form.text();
    expect(html).toContain('choose a place from the list');
    expect(html).toContain('kept text');
    expect((await client.postJson('admin', '/api/account/profile', { place: 'GB/London' })).status).toBe(403);
  });
});
