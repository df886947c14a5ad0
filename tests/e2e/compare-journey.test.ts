/**
 * A prospective client in a real Chromium (issue 11): states their profile at /compare, picks two
 * practitioners, sees them side by side, and asks one for a consultation; that practitioner then
 * reads it in their account. No CSP violation or console error on the way.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/lib/accounts/index.ts';
import { launchBrowser, reportCspViolations } from '../helpers/browser.ts';
import { copyPortfolios, startServer, type RunningServer } from '../helpers/server.ts';

describe('comparing practitioners and reaching one, in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let client: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer({ portfoliosDir: await copyPortfolios() });
    browser = await launchBrowser();
    client = await browser.newContext({ viewport: { width: 390, height: 844 } });
    await client.addInitScript({ content: reportCspViolations });
    page = await client.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location().url})`);
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('states a profile, picks two practitioners and sees them side by side', async () => {
    await page.goto(`${server.url}/compare`);
    await page.getByLabel('Treatment').selectOption('male-pattern-baldness');
    await page.getByLabel('Hair loss (men, Norwood)').selectOption('5');
    await page.getByLabel('Skin type (Fitzpatrick)').selectOption('III');
    await Promise.all([page.waitForURL(/\/compare\?.*norwood=5/), page.getByRole('button', { name: 'Compare practitioners' }).click()]);
    const rows = page.locator('.compare-row');
    expect(await rows.count()).toBeGreaterThanOrEqual(2);
    const slugs = await rows.evaluateAll((items) => items.map((item) => item.getAttribute('data-practitioner') ?? ''));
    // Ben Carter (a demo account, so the last step can sign in as him) has a case like this one.
    expect(slugs).toContain('ben-carter');
    const other = slugs.find((slug) => slug !== 'ben-carter')!;
    await page.locator(`input[name="pick"][value="${other}"]`).check();
    await page.locator('input[name="pick"][value="ben-carter"]').check();
    await Promise.all([page.waitForURL(/pick=/), page.getByRole('button', { name: /side by side/ }).click()]);
    const url = new URL(page.url());
    expect(url.searchParams.getAll('pick').sort()).toEqual([other, 'ben-carter'].sort());
    expect(url.searchParams.get('norwood')).toBe('5');
    const side = page.getByRole('region', { name: 'Side by side' });
    await expect.poll(() => side.locator('.columns > li').count()).toBe(2);
    expect(await side.locator('figure picture').count()).toBe(2);
  });

  it('asks Ben Carter for a consultation from his page', async () => {
    await Promise.all([page.waitForURL(/\/practitioners\/ben-carter\//), page.locator('.compare-row[data-practitioner="ben-carter"]').getByRole('link', { name: 'Ask for a consultation' }).click()]);
    const form = page.locator('form[action="/api/inquiries"]');
    await form.getByLabel('Your name').fill('Riya Client');
    await form.getByLabel('Email or phone, to reply to').fill('riya@example.com');
    await form.getByLabel('Your question').fill('I am Norwood 5, type III. Could you do the same for me in spring?');
    await Promise.all([page.waitForURL(/\/inquiry-sent/), form.getByRole('button', { name: 'Send the request' }).click()]);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Your request was sent');
  });

  it('is read by Ben in his account', async () => {
    const practitioner = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const mine = await practitioner.newPage();
    await mine.goto(`${server.url}/login?next=%2Faccount%2Finquiries`);
    await mine.getByLabel('Email').fill('ben@healed.test');
    await mine.getByLabel('Password').fill(DEMO_PASSWORD);
    await Promise.all([mine.waitForURL(/\/account\/inquiries/), mine.getByRole('button', { name: 'Sign in' }).click()]);
    const row = mine.locator('.inquiry-row').first();
    expect(await row.textContent()).toContain('Riya Client');
    expect(await row.textContent()).toContain('riya@example.com');
    await practitioner.close();
  });

  it('logged no console error and no CSP violation', () => {
    expect(consoleErrors).toEqual([]);
  });
});
