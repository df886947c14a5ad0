/**
 * The visitor's journey in a real Chromium: home → a practitioner → a case → the before/after
 * comparison slider, by mouse and by keyboard; the page gets AVIF and logs no error (CSP included).
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measurePageWeight } from '../../scripts/page-weight.ts';
import { launchBrowser, reportCspViolations } from '../helpers/browser.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

/** Clicks the first link whose path matches and waits for that page. */
async function followFirstLink(page: Page, pattern: RegExp, what: string): Promise<string> {
  const hrefs = await page.locator('a[href]').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href') ?? ''));
  const href = hrefs.find((candidate) => pattern.test(new URL(candidate, page.url()).pathname));
  expect(href, `a link to ${what} on ${page.url()}`).toBeDefined();
  await Promise.all([page.waitForURL((url) => pattern.test(url.pathname)), page.locator(`a[href="${href}"]`).first().click()]);
  return href!;
}

/** The slider's position: `value` of img-comparison-slider / <input>, else `aria-valuenow`. */
function sliderValue(slider: Locator): Promise<number> {
  return slider.evaluate((element) => {
    const value = (element as HTMLElement & { value?: unknown }).value;
    if (typeof value === 'number') return value;
    if (typeof value === 'string' && value !== '') return Number(value);
    return Number(element.getAttribute('aria-valuenow'));
  });
}

/** Box to drag across: the slider itself, or its nearest ancestor wide enough when it is a handle. */
async function dragBox(slider: Locator) {
  return slider.evaluate((element) => {
    let node: Element = element;
    let box = node.getBoundingClientRect();
    while (box.width < 120 && node.parentElement) {
      node = node.parentElement;
      box = node.getBoundingClientRect();
    }
    const own = element.getBoundingClientRect();
    return { left: box.left, width: box.width, y: own.top + own.height / 2, startX: own.left + own.width / 2 };
  });
}

describe('gallery journey in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];
  const responses: Array<{ url: string; contentType: string }> = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript({ content: reportCspViolations });
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
    page.on('response', (response) => responses.push({ url: response.url(), contentType: response.headers()['content-type'] ?? '' }));
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('goes from home to a practitioner to a case', async () => {
    const home = await page.goto(`${server.url}/`);
    expect(home?.status()).toBe(200);
    await followFirstLink(page, /^\/practitioners\/[^/]+\/?$/, 'a practitioner');
    responses.length = 0; // from here on, count what the case page loads
    await followFirstLink(page, /^\/cases\/[^/]+\/?$/, 'a case');
    await page.waitForLoadState('load');
  });

  it('moves the comparison slider by dragging, both ways', async () => {
    const slider = page.locator('img-comparison-slider, [role="slider"]').first();
    await slider.waitFor({ state: 'visible' });
    await slider.scrollIntoViewIfNeeded();
    const box = await dragBox(slider);
    const start = await sliderValue(slider);

    await page.mouse.move(box.startX, box.y);
    await page.mouse.down();
    await page.mouse.move(box.left + box.width * 0.2, box.y, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => sliderValue(slider), { message: 'value after dragging left' }).toBeLessThan(start);
    const left = await sliderValue(slider);

    const now = await dragBox(slider);
    await page.mouse.move(now.startX, now.y);
    await page.mouse.down();
    await page.mouse.move(now.left + now.width * 0.8, now.y, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => sliderValue(slider), { message: 'value after dragging right' }).toBeGreaterThan(left);
  });

  it('moves the comparison slider with ArrowLeft and ArrowRight once focused', async () => {
    const slider = page.locator('img-comparison-slider, [role="slider"]').first();
    await slider.focus();
    const start = await sliderValue(slider);
    // img-comparison-slider slides while the key is held, a plain slider steps once: hold briefly.
    await page.keyboard.press('ArrowLeft', { delay: 250 });
    await expect.poll(() => sliderValue(slider), { message: 'value after ArrowLeft' }).toBeLessThan(start);
    const left = await sliderValue(slider);
    await page.keyboard.press('ArrowRight', { delay: 250 });
    await page.keyboard.press('ArrowRight', { delay: 250 });
    await expect.poll(() => sliderValue(slider), { message: 'value after ArrowRight' }).toBeGreaterThan(left);
  });

  it('loads AVIF images on the case page', async () => {
    const hasAvif = () => responses.some((response) => response.contentType.startsWith('image/avif'));
    if (!hasAvif()) {
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await page.waitForLoadState('networkidle');
    }
    const images = responses.filter((response) => response.contentType.startsWith('image/'));
    expect(hasAvif(), `an image/avif response (images seen: ${images.map((i) => i.contentType).join(', ') || 'none'})`).toBe(true);
  });

  it('logs no console error or CSP violation on the way', () => {
    expect(consoleErrors).toEqual([]);
  });

  it('can be measured by scripts/page-weight.ts (figures are checked by the script, not here)', async () => {
    const weight = await measurePageWeight(browser, page.url());
    expect(weight.transferBytes).toBeGreaterThan(0);
    expect(Number.isFinite(weight.cls)).toBe(true);
    expect(weight.beforeScroll.some((record) => record.type === 'Document')).toBe(true);
  });
});
