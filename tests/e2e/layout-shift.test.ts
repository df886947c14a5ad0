/**
 * Zero layout shift: every page type, loaded fresh (empty cache) in Chromium at a phone width
 * (390 px) and a desktop width (1280 px), scrolled to the end so lazy photos load too, must have a
 * cumulative layout shift of exactly 0, measured by a PerformanceObserver of `layout-shift`.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clsObserver } from '../../scripts/page-weight.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

const viewports = [
  { name: 'phone', width: 390, height: 844, isMobile: true },
  { name: 'desktop', width: 1280, height: 900, isMobile: false },
] as const;

/** The first link on `path` whose target matches, so every page type is found from the site itself. */
async function firstLink(baseUrl: string, path: string, pattern: RegExp): Promise<string> {
  const html = await (await fetch(baseUrl + path)).text();
  const link = [...html.matchAll(/href="([^"#]+)"/g)].map((m) => m[1]!).find((href) => pattern.test(href));
  if (!link) throw new Error(`${path} links to nothing matching ${pattern}`);
  return link;
}

describe('layout shift in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  const pages: Record<string, string> = {};

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    Object.assign(pages, {
      home: '/', about: '/about/', treatments: '/treatments/', locations: '/locations/', search: '/search',
      'search results': '/search?q=hairline', login: '/login', 'not found': '/cases/no-such-case/',
      compare: '/compare', 'compare results': '/compare?treatment=male-pattern-baldness&norwood=5&pick=ben-carter', directory: '/practitioners/',
    });
    pages.treatment = await firstLink(server.url, '/treatments/', /^\/treatments\/[a-z-]+\/$/);
    pages.country = await firstLink(server.url, '/locations/', /^\/locations\/[a-z]{2}\/$/);
    pages.city = await firstLink(server.url, '/locations/', /^\/locations\/[a-z]{2}\/[a-z0-9-]+\/$/);
    pages.practitioner = await firstLink(server.url, '/', /^\/practitioners\/[a-z0-9-]+\/$/);
    pages.case = await firstLink(server.url, pages.practitioner, /^\/cases\/[a-z0-9-]+\/$/);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** CLS of one fresh load of `path`, after scrolling to the end and every photo arriving. */
  async function layoutShift(path: string, viewport: (typeof viewports)[number]) {
    // A fresh context per page: empty HTTP cache, as a first visit.
    const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, deviceScaleFactor: 2, isMobile: viewport.isMobile, hasTouch: viewport.isMobile });
    try {
      const page = await context.newPage();
      await page.addInitScript({ content: clsObserver });
      await page.goto(server.url + path, { waitUntil: 'load' });
      // Scrolled down a screen at a time, as a reader does, so every lazy photo starts loading.
      await page.evaluate(async () => {
        const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
        for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight / 2) {
          window.scrollTo(0, y);
          await frame();
        }
      });
      // Every photo that started loading has arrived (a timeline row scrolled sideways loads the
      // rest only when scrolled), then two frames: any shift they cause is recorded.
      await page.waitForLoadState('networkidle');
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const cls = (await page.evaluate('window.__healedCls')) as { value: number; sources: string[]; error?: string };
      if (cls.error) throw new Error(`layout-shift observer failed on ${path}: ${cls.error}`);
      return cls;
    } finally {
      await context.close();
    }
  }

  const names = ['home', 'about', 'treatments', 'treatment', 'locations', 'country', 'city', 'practitioner', 'case', 'search', 'search results', 'login', 'not found', 'compare', 'compare results', 'directory'];
  for (const viewport of viewports) {
    for (const name of names) {
      it(`${name} page shifts nothing at ${viewport.width} px`, async () => {
        const cls = await layoutShift(pages[name]!, viewport);
        expect({ page: pages[name], cls: cls.value, moved: cls.sources }).toEqual({ page: pages[name], cls: 0, moved: [] });
      });
    }
  }
});
