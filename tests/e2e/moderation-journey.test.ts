/**
 * The moderation journey across three roles in a real Chromium (issue 5's "Done when"): ana submits
 * a case through /submit (a before photo, an EXIF-dated healed photo 70 days after the last session,
 * and a low-resolution one that flags the case) → the admin sees it in /admin with its flag, opens
 * the review page and approves it with an override reason → a visitor opens the live case page
 * ("Healed · 70 days") and finds it on /search with the same badge → ana withdraws it → the page
 * answers 410, search, the practitioner page and the sitemap no longer show it, and its variants
 * are gone. Each role has its own browser context; none logs a console error (CSP included) beyond
 * the two expected refusals (the API's 400 asking for a date, the 410 document), matched by URL.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpeg } from '../factories/photos.ts';
import { launchBrowser, reportCspViolations } from '../helpers/browser.ts';
import { copyPortfolios, startServer, type RunningServer } from '../helpers/server.ts';

/** `YYYY-MM-DD`, `offset` days from today (UTC): the journey's dates stay valid whenever it runs. */
function day(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}
/** The same day as EXIF writes it. */
const exifDay = (offset: number) => `${day(offset).replace(/-/g, ':')} 10:30:00`;

// Two sessions two weeks apart, the last 136 days ago; the healed photos 70 days after it.
const sessions = [day(-150), day(-136)];
const healedDays = 70;
/** EXIF-dated, full resolution: earns the verified "Healed · 70 days" badge. */
const healedPhoto = { name: 'hairline-healed.jpg', view: 'hairline', stage: 'Healed', width: 1600, height: 1200, seed: 41, exif: exifDay(-136 + healedDays) };
/** No EXIF date: declared as taken before the first session when the API asks. */
const beforePhoto = { name: 'top-before.jpg', view: 'top', stage: 'Before', width: 1600, height: 1200, seed: 42, declared: day(-160) };
/** EXIF-dated, 800 px short side: flagged `low-resolution`, so approving needs an override. */
const lowResPhoto = { name: 'crown-lowres.jpg', view: 'crown', stage: 'Healed', width: 1067, height: 800, seed: 43, exif: exifDay(-136 + healedDays) };
const photos = [healedPhoto, beforePhoto, lowResPhoto];

/** Words specific to the new case: ana's name and a treatment none of her demo cases has. */
const query = 'ana ribeiro male pattern baldness';
const badgeText = `Healed · ${healedDays} days`;
const overrideReason = 'Low-resolution crown photo only; the hairline photo is sharp and EXIF-dated.';

interface SearchResult {
  hits: Array<{ id: string; stage: string; daysHealed: number }>;
}

async function signIn(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('healed-demo');
  await Promise.all([page.waitForURL(/\/account\/?$/), page.getByRole('button', { name: 'Sign in' }).click()]);
}

/** Waits until an island on the page is hydrated (Astro drops `ssr` then). */
async function hydrated(page: Page): Promise<void> {
  await page.locator('astro-island:not([ssr])').first().waitFor({ state: 'attached' });
}

/** The card of one file on the photos step. */
const card = (page: Page, name: string): Locator => page.locator('li.photo-card', { hasText: name });

/** Case ids of the search results shown. */
const shownIds = (page: Page) => page.locator('[data-case-id]').evaluateAll((items) => items.map((item) => item.getAttribute('data-case-id')));

/** Hrefs of the links to case pages on the current page. */
const caseLinks = (page: Page) =>
  page.locator('a[href^="/cases/"]').evaluateAll((anchors) => [...new Set(anchors.map((a) => a.getAttribute('href') ?? ''))]);

describe('moderation journey across three roles in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let ana: Page;
  let admin: Page;
  let visitor: Page;
  let submissionId = '';
  let caseId = '';
  let casePath = '';
  let variantUrls: string[] = [];
  const consoleErrors: string[] = [];
  /** Expected console errors, each matched by message and URL. */
  const expected: string[] = [];

  /** A page in its own context, watched for console errors; `allowed` says which are expected. */
  async function rolePage(allowed: (text: string, url: string) => boolean): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    await context.addInitScript({ content: reportCspViolations });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const url = message.location().url;
      const line = `${message.text()} (${url})`;
      (allowed(message.text(), url) ? expected : consoleErrors).push(line);
    });
    page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
    return page;
  }

  const search = async (q: string): Promise<SearchResult> => {
    const response = await fetch(`${server.url}/api/search?${new URLSearchParams({ q })}`);
    expect(response.status).toBe(200);
    return (await response.json()) as SearchResult;
  };
  const submissionStatus = async (): Promise<string> => {
    const response = await ana.request.get(`${server.url}/api/submissions/${submissionId}`);
    expect(response.status()).toBe(200);
    return ((await response.json()) as { status: string }).status;
  };

  beforeAll(async () => {
    server = await startServer({ portfoliosDir: await copyPortfolios() });
    // The index is built in the background at start: wait until it holds every case.
    for (const deadline = Date.now() + 120_000; ; ) {
      const health = (await (await fetch(`${server.url}/api/health`)).json()) as { content: { cases: number }; search?: { ok: boolean; documents: number } };
      if (health.search?.ok && health.search.documents === health.content.cases) break;
      if (Date.now() > deadline) throw new Error(`the search index did not hold every case in time: ${JSON.stringify(health)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    browser = await launchBrowser();
    // ana: the API's 400 asking for the before photo's capture date.
    ana = await rolePage((text, url) => /status of 400/.test(text) && /\/api\/submissions\/[^/]+\/photos$/.test(url));
    admin = await rolePage(() => false);
    // The visitor: the withdrawn case's document load (410), and nothing else.
    visitor = await rolePage((text, url) => /status of 410/.test(text) && casePath !== '' && new URL(url).pathname === casePath);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  it('ana submits a case through /submit: pending, flagged low-resolution, no missing-healed flag', async () => {
    await signIn(ana, server.url, 'ana@healed.test');
    await ana.goto(`${server.url}/submit`);
    await hydrated(ana);
    await ana.getByLabel('Treatment', { exact: true }).selectOption('male-pattern-baldness');
    await ana.getByLabel('Norwood stage (optional)').selectOption('4');
    await ana.getByLabel('Fitzpatrick skin type').selectOption('III');
    await ana.getByLabel('Session 1', { exact: true }).fill(sessions[0]!);
    await ana.getByRole('button', { name: 'Add a session' }).click();
    await ana.getByLabel('Session 2', { exact: true }).fill(sessions[1]!);
    await ana.getByLabel('Notes (optional)').fill('Two sessions, soft black pigment, moderation journey.');
    await Promise.all([ana.waitForURL(/\/submit\?id=[^&]+&step=photos/), ana.getByRole('button', { name: 'Save draft and add photos' }).click()]);
    submissionId = new URL(ana.url()).searchParams.get('id')!;
    expect(submissionId).toMatch(/^[A-Za-z0-9_-]{22}$/);

    const files = await Promise.all(photos.map(async (p) => ({
      name: p.name,
      mimeType: 'image/jpeg',
      buffer: await jpeg({ width: p.width, height: p.height, seed: p.seed, ...('exif' in p ? { exifDate: p.exif } : {}) }),
    })));
    await ana.locator('input[type="file"]').setInputFiles(files);
    for (const p of photos) await card(ana, p.name).getByLabel('View').selectOption(p.view);
    await ana.getByRole('button', { name: `Upload ${photos.length} photos` }).click();

    // The before photo has no camera date: the API asks for one.
    const dateInput = card(ana, beforePhoto.name).getByLabel('Day the photo was taken');
    await dateInput.waitFor({ timeout: 30_000 });
    await dateInput.fill(beforePhoto.declared);
    await card(ana, beforePhoto.name).getByRole('button', { name: /Upload with this date/ }).click();

    for (const p of photos) {
      const item = card(ana, p.name);
      await item.locator('.photo-facts').waitFor({ timeout: 30_000 });
      expect(await item.locator('.stage').textContent(), `${p.name}: stage`).toBe(p.stage);
    }
    expect(await card(ana, healedPhoto.name).locator('.photo-facts').textContent()).toContain('date read from the photo');
    expect(expected, 'exactly one date request').toHaveLength(1);

    await ana.getByRole('button', { name: 'Continue to consent' }).click();
    await ana.getByLabel('Day the client signed the consent').fill(sessions[0]!);
    await ana.getByLabel('Scalp only: the face is cropped out').check();
    await ana.getByLabel(/I confirm the client signed/).check();
    await Promise.all([ana.waitForURL(/step=review/), ana.getByRole('button', { name: 'Save consent and review' }).click()]);
    await ana.getByRole('button', { name: 'Submit for review' }).click();

    await ana.locator('.outcome').waitFor();
    expect(await ana.locator('.outcome').textContent()).toContain('Pending review');
    const caseFlags = await ana.locator('ul[aria-label="Flags on the case"] li').evaluateAll((items) => items.map((li) => li.getAttribute('data-code')));
    expect(caseFlags, 'the EXIF-dated healed photo counts as verified').not.toContain('no-verified-healed-photo');
    const photoFlags = await ana.locator('li.photo-card').evaluateAll((cards) =>
      cards.map((c) => ({ name: c.textContent ?? '', codes: [...c.querySelectorAll('.flags li')].map((li) => li.getAttribute('data-code')) })));
    expect(photoFlags.find((f) => f.name.includes(lowResPhoto.name))?.codes).toEqual(['low-resolution']);
    expect(photoFlags.find((f) => f.name.includes(healedPhoto.name))?.codes).toEqual([]);
    expect(await submissionStatus()).toBe('pending');
  });

  it('the admin sees it in the queue with its flag, reviews it and approves it with an override reason', async () => {
    await signIn(admin, server.url, 'admin@healed.test');
    expect((await admin.goto(`${server.url}/admin`))?.status()).toBe(200);
    const row = admin.locator(`li.queue-row[data-submission-id="${submissionId}"]`);
    expect(await row.count(), 'the submission is in the queue').toBe(1);
    expect(await row.locator('a.title').textContent()).toBe('Male pattern baldness');
    expect(await row.locator('p.muted').textContent()).toContain('ana-ribeiro (ana@healed.test)');
    expect(await row.locator('p.muted').textContent()).toContain('3 photos');
    expect(await row.locator('.flag a').allTextContents()).toEqual(['low-resolution']);

    // The flag's filter keeps it; another flag's filter does not.
    await admin.goto(`${server.url}/admin/?flag=low-resolution`);
    expect(await admin.locator(`li.queue-row[data-submission-id="${submissionId}"]`).count()).toBe(1);
    await admin.goto(`${server.url}/admin/?flag=consent-missing`);
    expect(await admin.locator(`li.queue-row[data-submission-id="${submissionId}"]`).count()).toBe(0);

    await admin.goto(`${server.url}/admin`);
    await Promise.all([
      admin.waitForURL(new RegExp(`/admin/submissions/${submissionId}$`)),
      admin.locator(`li.queue-row[data-submission-id="${submissionId}"] a.title`).click(),
    ]);
    expect(await admin.locator('h1 .status').textContent()).toBe('pending');
    const flagsSection = admin.locator('section[aria-labelledby="flags-h"]');
    expect(await flagsSection.locator('.flag a').allTextContents()).toEqual(['low-resolution']);
    expect(await flagsSection.locator('.flag-messages li').first().textContent()).toContain('low-resolution');
    const reviewPhotos = admin.locator('section[aria-labelledby="photos-h"] li.photo');
    expect(await reviewPhotos.count()).toBe(3);
    const sources = await reviewPhotos.locator('.source').allTextContents();
    expect(sources.sort()).toEqual(['EXIF date', 'EXIF date', 'declared date']);
    expect(await reviewPhotos.locator('.photo-flag').allTextContents()).toEqual(['low-resolution']);
    expect(await admin.locator('section[aria-labelledby="consent-h"]').textContent()).toContain('cropped');

    // Approving a flagged submission needs the written override reason.
    const approve = admin.locator('form', { has: admin.locator('input[name="action"][value="approve"]') });
    await approve.getByLabel(/Override reason \(required: 1 flag\)/).fill(overrideReason);
    await Promise.all([admin.waitForURL(/[?&]decided=/), approve.getByRole('button', { name: 'Approve' }).click()]);
    expect(new URL(admin.url()).searchParams.get('decided')).toBe('live');
    expect(await admin.getByRole('status').textContent()).toContain('the submission is now live');
    expect(await admin.locator('h1 .status').textContent()).toBe('live');
    expect(await admin.locator('section[aria-labelledby="decision-h"]').textContent()).toContain(overrideReason);
    // It left the queue.
    await admin.goto(`${server.url}/admin`);
    expect(await admin.locator(`li.queue-row[data-submission-id="${submissionId}"]`).count()).toBe(0);
    expect(await submissionStatus()).toBe('live');
  });

  it('the case is live: linked from ana’s page, served with its "Healed · 70 days" badge', async () => {
    expect((await visitor.goto(`${server.url}/practitioners/ana-ribeiro/`))?.status()).toBe(200);
    const tail = submissionId.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 8);
    // Ana's page lists her demo cases too: the new one is the case whose id ends in the submission's tail.
    const links = (await caseLinks(visitor)).filter((href) => href.startsWith('/cases/ana-ribeiro-mpb-') && href.endsWith(`-${tail}/`));
    expect(links, 'one link to the new case on the practitioner page').toEqual([`/cases/ana-ribeiro-mpb-${tail}/`]);
    casePath = links[0]!;
    caseId = casePath.split('/')[2]!;

    const response = await visitor.goto(`${server.url}${casePath}`);
    expect(response?.status()).toBe(200);
    expect(await visitor.locator('h1').textContent()).toBe('Male pattern baldness');
    const earned = visitor.locator('.timeline .badge.earned');
    expect(await earned.count(), 'both EXIF-dated healed photos earn the badge').toBe(2);
    for (const text of await earned.allTextContents()) expect(text.trim()).toBe(`✓ ${badgeText}`);
    expect(await visitor.locator('section[aria-labelledby="profile-h"]').textContent()).toContain(`Healed, ${healedDays} days after the last session`);
    variantUrls = [...new Set(await visitor.locator('img[src^="/img/"], source[srcset]').evaluateAll((elements) =>
      elements.flatMap((e) => (e.getAttribute('src') ?? e.getAttribute('srcset') ?? '').split(',').map((s) => s.trim().split(/\s+/)[0]!)).filter((u) => u.startsWith('/img/'))))];
    expect(variantUrls.length, 'the case page shows its photos').toBeGreaterThan(0);
    const image = await fetch(`${server.url}${variantUrls[0]}`);
    expect(image.status, `${variantUrls[0]} while live`).toBe(200);
    await image.body?.cancel();
    const sitemap = await (await fetch(`${server.url}/sitemap.xml`)).text();
    expect(sitemap).toContain(casePath);
  });

  it(`/search finds it for "${query}" with the "${badgeText}" badge`, async () => {
    const api = await search(query);
    expect(api.hits.find((h) => h.id === caseId), 'in /api/search').toMatchObject({ stage: 'healed', daysHealed: healedDays });

    expect((await visitor.goto(`${server.url}/search?${new URLSearchParams({ q: query })}`))?.status()).toBe(200);
    await hydrated(visitor);
    await expect.poll(() => shownIds(visitor)).toContain(caseId);
    const result = visitor.locator(`li.result-card[data-case-id="${caseId}"]`);
    expect(await result.locator('h3 a').getAttribute('href')).toBe(casePath);
    expect(await result.locator('h3 a').textContent()).toBe('Male pattern baldness');
    expect(await result.locator('.muted a').first().textContent()).toBe('Ana Ribeiro');
    const badge = result.locator('.result-badge');
    expect(await badge.getAttribute('class')).toBe('result-badge earned');
    expect((await badge.textContent())?.trim()).toBe(`✓ ${badgeText}`);
  });

  it('ana withdraws it from her account page, and the submission reads withdrawn', async () => {
    await ana.goto(`${server.url}/account`);
    const row = ana.locator('li.case-row').filter({ has: ana.locator(`a[href="${casePath}"]`) });
    await row.locator('summary', { hasText: 'Withdraw this case' }).click();
    await row.locator('textarea[name="reason"]').fill('The client revoked consent.');
    await row.locator('input[name="confirm"]').check();
    await Promise.all([ana.waitForURL(/\/account\?withdrawn=/), row.locator('button', { hasText: 'Withdraw the case' }).click()]);
    expect(await ana.locator('p.notice').textContent()).toContain(`Case ${caseId} was withdrawn`);
    expect(await submissionStatus()).toBe('withdrawn');
  });

  it('the case page answers 410 Gone', async () => {
    const response = await visitor.goto(`${server.url}${casePath}`);
    expect(response?.status()).toBe(410);
    expect(await visitor.locator('h1').textContent()).toBe('This case was withdrawn');
  });

  it('search, the practitioner page, the sitemap and the image store no longer have it', async () => {
    expect((await search(query)).hits.map((h) => h.id)).not.toContain(caseId);
    expect((await visitor.goto(`${server.url}/search?${new URLSearchParams({ q: query })}`))?.status()).toBe(200);
    await hydrated(visitor);
    expect(await shownIds(visitor)).not.toContain(caseId);

    expect((await visitor.goto(`${server.url}/practitioners/ana-ribeiro/`))?.status()).toBe(200);
    const links = await caseLinks(visitor);
    expect(links.length, 'her demo cases are still linked').toBeGreaterThan(0);
    expect(links).not.toContain(casePath);

    expect(await (await fetch(`${server.url}/sitemap.xml`)).text()).not.toContain(casePath);
    for (const url of variantUrls) {
      const image = await fetch(`${server.url}${url}`);
      expect([404, 410], `${url} after withdrawal`).toContain(image.status);
      await image.body?.cancel();
    }
  });

  it('logs no console error in any role beyond the expected ones', () => {
    expect(consoleErrors).toEqual([]);
    expect(expected).toHaveLength(2);
    expect(expected[1]).toContain(casePath);
  });
});
