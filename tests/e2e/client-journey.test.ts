/**
 * The client's part in a real Chromium on a phone-sized screen (390 × 844, touch), issue 10's
 * "done when": ana makes a client link for one of her published cases from /account; the client,
 * with no account, opens it on the phone, sees the dated photos, confirms with a current photo
 * taken with the phone, and is thanked; the link then says it is no longer valid, and the case
 * page says "Confirmed by the client". From a fresh link the client then withdraws their consent
 * and the case page answers 410. Nothing overflows the screen, and no console error (CSP
 * included) appears on the client's side.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpeg } from '../factories/photos.ts';
import { launchBrowser, reportCspViolations } from '../helpers/browser.ts';
import { copyPortfolios, startServer, type RunningServer } from '../helpers/server.ts';

const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
const today = () => new Date().toISOString().slice(0, 10);

describe('a client confirms, then withdraws, on a 390 px phone', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let ana: Page;
  let client: Page;
  let caseId = '';
  const clientErrors: string[] = [];

  /** Ana makes a link for the case from her account page (the no-JavaScript form) and copies it. */
  async function makeLink(): Promise<string> {
    await ana.goto(`${server.url}/account`);
    const row = ana.locator(`li.case-row[data-case-id="${caseId}"]`);
    await row.locator('summary', { hasText: /Ask the client to confirm|Send the client a new link/ }).click();
    await Promise.all([ana.waitForURL(/\/account\?clientLink=/), row.getByRole('button', { name: 'Make the link' }).click()]);
    const url = await ana.getByLabel('Client link').inputValue();
    expect(url).toMatch(new RegExp(`^${server.url}/client/[A-Za-z0-9_-]{43}$`));
    return url;
  }
  /** The page is no wider than the phone: nothing to scroll sideways. */
  const fitsTheScreen = () => client.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  beforeAll(async () => {
    server = await startServer({ portfoliosDir: await copyPortfolios() });
    browser = await launchBrowser();
    const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const mobile = await browser.newContext(phone);
    await mobile.addInitScript({ content: reportCspViolations });
    contexts.push(desk, mobile);
    ana = await desk.newPage();
    client = await mobile.newPage();
    client.on('console', (message) => {
      // The link page answers 404 once spent: Chromium logs that document load, and it is expected.
      if (message.type() === 'error' && !/status of 404/.test(message.text())) clientErrors.push(`${message.text()} (${message.location().url})`);
    });
    client.on('pageerror', (error) => clientErrors.push(`uncaught: ${error.message}`));
    await ana.goto(`${server.url}/login`);
    await ana.getByLabel('Email').fill('ana@healed.test');
    await ana.getByLabel('Password').fill('healed-demo');
    await Promise.all([ana.waitForURL(/\/account\/?$/), ana.getByRole('button', { name: 'Sign in' }).click()]);
    // One of her published cases that its client has not confirmed yet.
    caseId = (await ana.locator('section[aria-labelledby="published-cases"] li.case-row:not(:has-text("confirmed by the client"))').first().getAttribute('data-case-id'))!;
    expect(caseId).toMatch(/^ana-ribeiro-/);
  }, 120_000);
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  it('confirms with a current photo from the phone', async () => {
    const url = await makeLink();
    await client.goto(url);
    await expect.poll(() => client.locator('h1').textContent()).toBe('Is this your case?');
    const photos = client.locator('ul.photos img');
    expect(await photos.count()).toBeGreaterThan(1);
    // Every photo loads (public variants of a published case) and fits the screen.
    await expect.poll(() => photos.evaluateAll((images) => images.every((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0 && img.getBoundingClientRect().width <= 390))).toBe(true);
    expect(await fitsTheScreen()).toBe(true);
    expect(await client.content()).not.toContain('ana@healed.test');

    await client.getByLabel(/Yes, this is me/).check();
    await client.getByLabel(/A message to the practitioner/).fill('Yes, that is my head, three years on.');
    await client.getByLabel('Photo', { exact: true }).setInputFiles({ name: 'IMG_2044.jpg', mimeType: 'image/jpeg', buffer: await jpeg({ width: 1600, height: 1200, seed: 4400, exifDate: `${today().replace(/-/g, ':')} 09:15:00` }) });
    await client.getByLabel('It shows').selectOption('crown');
    const send = client.getByRole('button', { name: 'Send my answer' });
    // A thumb-sized target.
    expect((await send.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await Promise.all([client.waitForURL(/\/client\/answered\?decision=confirm$/), send.tap()]);
    expect(await client.locator('h1').textContent()).toBe('Thank you: you confirmed your case');
    expect(await fitsTheScreen()).toBe(true);

    const again = await client.goto(url);
    expect(again?.status()).toBe(404);
    expect(await client.locator('h1').textContent()).toBe('This link is no longer valid');
    const page = await (await fetch(`${server.url}/cases/${caseId}/`)).text();
    expect(page).toContain(`Confirmed by the client on <time datetime="${today()}"`);
  });

  it('withdraws their consent from a fresh link', async () => {
    const url = await makeLink();
    await client.goto(url);
    expect(await fitsTheScreen()).toBe(true);
    await client.locator('details.withdraw summary').tap();
    await client.getByLabel('I understand that my photos will be removed.').check();
    await Promise.all([client.waitForURL(/\/client\/answered\?decision=withdraw$/), client.getByRole('button', { name: 'Withdraw my consent' }).tap()]);
    expect(await client.locator('h1').textContent()).toBe('Your consent is withdrawn');
    expect((await fetch(`${server.url}/cases/${caseId}/`)).status).toBe(410);
  });

  it('logged no console error on the client\'s phone (CSP included)', () => {
    expect(clientErrors).toEqual([]);
  });
});
