/**
 * The search journey in a real Chromium (issue 3, "Done when"): open /search, type `alopcia pune`,
 * see results appear, tick a treatment facet (results and URL update), go back and land on the same
 * results as before ticking; the page works without JavaScript too, and logs no error (CSP included).
 * Expected results come from /api/search, never from hard-coded case ids.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, reportCspViolations } from '../helpers/browser.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

const typed = 'alopcia pune';
const treatmentLabels: Record<string, string> = {
  'male-pattern-baldness': 'Male pattern baldness',
  'female-hair-loss': 'Female hair loss',
  'post-transplant-density': 'Post-transplant density',
  'scar-correction': 'Scar correction',
  'alopecia-areata': 'Alopecia areata',
};

interface Result {
  hits: Array<{ id: string }>;
  total: number;
  facets: { treatment: Record<string, number> };
}

/** Case ids of the results shown, in order. */
const shownIds = (page: Page) => page.locator('[data-case-id]').evaluateAll((items) => items.map((item) => item.getAttribute('data-case-id')));

describe('search journey', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];
  const api = async (params: URLSearchParams): Promise<Result> => {
    const response = await fetch(`${server.url}/api/search?${params}`);
    expect(response.status, `/api/search?${params}`).toBe(200);
    return (await response.json()) as Result;
  };
  let before: string[];
  let treatment: string;
  let afterTick: string[];

  beforeAll(async () => {
    server = await startServer();
    // The index is built in the background at start: wait until it holds every case.
    for (const deadline = Date.now() + 120_000; ; ) {
      const health = (await (await fetch(`${server.url}/api/health`)).json()) as { content: { cases: number }; search?: { ok: boolean; documents: number } };
      if (health.search?.ok && health.search.documents === health.content.cases) break;
      if (Date.now() > deadline) throw new Error(`the search index did not hold every case in time: ${JSON.stringify(health)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript({ content: reportCspViolations });
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('shows results as you type `alopcia pune`, and puts the text in the URL', async () => {
    const expected = await api(new URLSearchParams({ q: typed }));
    expect(expected.total, `the demo content answers "${typed}"`).toBeGreaterThan(0);
    before = expected.hits.map((hit) => hit.id);

    expect((await page.goto(`${server.url}/search`))?.status()).toBe(200);
    // Hydrated: Astro drops the island's `ssr` attribute once React has taken over.
    await page.locator('astro-island:not([ssr])').first().waitFor({ state: 'attached' });
    const box = page.getByRole('searchbox', { name: 'Search healed results' });
    await box.click();
    await box.pressSequentially(typed, { delay: 30 });

    await expect.poll(() => shownIds(page), { message: 'results for the typed text' }).toEqual(before);
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(typed);
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(new RegExp(`^${expected.total} cases?`));
    // Typing searched in place: the focus stayed in the box.
    expect(await box.evaluate((element) => element === document.activeElement)).toBe(true);
  });

  it('ticks a treatment facet: the results and the URL update', async () => {
    // The facet a visitor would tick: the first treatment with results that changes what is shown,
    // else the one with the most results (the same cases, now filtered by it).
    const counts = (await api(new URLSearchParams({ q: typed }))).facets.treatment;
    const candidates = Object.keys(counts).filter((t) => (counts[t] ?? 0) > 0).sort((a, b) => counts[b]! - counts[a]!);
    expect(candidates.length).toBeGreaterThan(0);
    const outcomes = await Promise.all(candidates.map(async (t) => ({ t, ids: (await api(new URLSearchParams({ q: typed, treatment: t }))).hits.map((h) => h.id) })));
    const chosen = outcomes.find((o) => o.ids.join() !== before.join()) ?? outcomes[0]!;
    treatment = chosen.t;
    afterTick = chosen.ids;

    const checkbox = page.getByRole('checkbox', { name: new RegExp(`^${treatmentLabels[treatment]} \\(`) });
    await checkbox.check();
    await expect.poll(() => new URL(page.url()).searchParams.getAll('treatment')).toEqual([treatment]);
    expect(new URL(page.url()).searchParams.get('q')).toBe(typed);
    await expect.poll(() => shownIds(page), { message: `results with treatment=${treatment}` }).toEqual(afterTick);
    expect(await checkbox.evaluate((element) => element === document.activeElement), 'focus stays on the ticked box').toBe(true);
  });

  it('goes back and lands on the same results as before ticking', async () => {
    await page.goBack();
    await expect.poll(() => new URL(page.url()).searchParams.getAll('treatment')).toEqual([]);
    expect(new URL(page.url()).searchParams.get('q')).toBe(typed);
    await expect.poll(() => shownIds(page), { message: 'results after going back' }).toEqual(before);
    expect(await page.getByRole('searchbox', { name: 'Search healed results' }).inputValue()).toBe(typed);
    expect(await page.getByRole('checkbox', { name: new RegExp(`^${treatmentLabels[treatment]} \\(`) }).isChecked()).toBe(false);
  });

  it('goes forward to the ticked results again', async () => {
    await page.goForward();
    await expect.poll(() => shownIds(page)).toEqual(afterTick);
    expect(await page.getByRole('checkbox', { name: new RegExp(`^${treatmentLabels[treatment]} \\(`) }).isChecked()).toBe(true);
  });

  it('opens a shared link on the same results', async () => {
    const shared = await context.newPage();
    try {
      await shared.goto(page.url());
      expect(await shownIds(shared)).toEqual(afterTick);
    } finally {
      await shared.close();
    }
  });

  it('works without JavaScript: the plain form submits the ticked facet', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    try {
      const plain = await noJs.newPage();
      await plain.goto(`${server.url}/search?q=${encodeURIComponent(typed)}`);
      expect(await shownIds(plain)).toEqual(before);
      await plain.getByRole('checkbox', { name: new RegExp(`^${treatmentLabels[treatment]} \\(`) }).check();
      await Promise.all([plain.waitForURL((url) => url.searchParams.has('treatment')), plain.getByRole('button', { name: 'Apply filters' }).click()]);
      expect(await shownIds(plain)).toEqual(afterTick);
    } finally {
      await noJs.close();
    }
  });

  it('"Use my location" searches near the browser position, closest first', async () => {
    const located = await browser.newContext({ geolocation: { latitude: 18.52, longitude: 73.85 }, permissions: ['geolocation'] });
    try {
      await located.addInitScript({ content: reportCspViolations });
      const near = await located.newPage();
      near.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location().url})`);
      });
      await near.goto(`${server.url}/search`);
      await near.locator('astro-island:not([ssr])').first().waitFor({ state: 'attached' });
      await near.getByRole('button', { name: 'Use my location' }).click();
      await expect.poll(() => new URL(near.url()).searchParams.get('sort')).toBe('distance');
      const params = new URL(near.url()).searchParams;
      expect(params.get('near')).toBe('18.52,73.85');
      const expected = (await api(params)).hits.map((hit) => hit.id);
      expect(expected.length).toBeGreaterThan(0);
      await expect.poll(() => shownIds(near)).toEqual(expected);
      expect(await near.getByRole('combobox', { name: 'Sort' }).inputValue()).toBe('distance');
    } finally {
      await located.close();
    }
  });

  it('logs no console error or CSP violation on the way', () => {
    expect(consoleErrors).toEqual([]);
  });
});
