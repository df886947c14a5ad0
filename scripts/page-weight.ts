/**
 * `npm run page-weight`: what a phone downloads for a case page. Builds if needed, serves the
 * shipped portfolios, opens the first case page in Chromium at 390×844 with an empty cache and
 * prints transfer before lazy images, JS (gzip), CLS and whether AVIF was chosen, beside targets.
 * Flags: `--dpr=N` (device pixel ratio, default 2), `--strict` (exit 1 when a target is missed).
 */
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../tests/helpers/browser.ts';
import { ensureBuilt, firstCasePath, shippedPortfolios, startServer } from '../tests/helpers/server.ts';

/** Budgets from the performance issue; 1 KB = 1000 bytes (the stricter reading). */
export const targets = { transferBytes: 150_000, jsGzipBytes: 30_000, cls: 0 } as const;

export interface MeasureOptions {
  /** CSS pixels of the viewport; 390×844 is a current mid-size phone. */
  viewport?: { width: number; height: number };
  /** Device pixel ratio: decides which srcset candidate is fetched. */
  deviceScaleFactor?: number;
  /** Quiet time that counts as "network idle", in ms. */
  idleMs?: number;
}

export interface ResourceRecord {
  url: string;
  /** CDP resource type: Document, Script, Stylesheet, Image, Font… */
  type: string;
  status: number;
  contentType: string;
  /** Bytes on the wire, headers included (CDP encodedDataLength). */
  transferBytes: number;
}

export interface PageWeight {
  url: string;
  viewport: { width: number; height: number };
  deviceScaleFactor: number;
  /** Everything fetched from navigation until the network went idle, without scrolling. */
  beforeScroll: ResourceRecord[];
  transferBytes: number;
  /** Executable scripts (external files refetched, inline ones from the DOM), gzip -6 each. */
  scripts: Array<{ url: string; rawBytes: number; gzipBytes: number }>;
  jsGzipBytes: number;
  /** Cumulative layout shift without recent input, after scrolling to the bottom and settling. */
  cls: number;
  /** The elements that shifted, for fixing a non-zero CLS. */
  shiftSources: string[];
  /** Variant images (`/img/…`) fetched up to the end, with their content types. */
  images: Array<{ url: string; contentType: string }>;
  /** True when at least one variant image was fetched and every one of them was AVIF. */
  avifChosen: boolean;
  /** Transfer after scrolling to the bottom (lazy images included), for information. */
  transferBytesAfterScroll: number;
}

/** Installed before any page script runs: sums layout shifts the way CLS does (no recent input); the e2e layout test uses it too. */
export const clsObserver = `
  window.__healedCls = { value: 0, sources: [] };
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.hadRecentInput) continue;
        window.__healedCls.value += entry.value;
        for (const source of entry.sources || []) {
          const node = source.node;
          const name = node && node.nodeType === 1
            ? node.nodeName.toLowerCase() + (node.id ? '#' + node.id : '') + (typeof node.className === 'string' && node.className ? '.' + node.className.trim().split(/\\s+/).join('.') : '')
            : String(node && node.nodeName);
          window.__healedCls.sources.push(name + ' ' + entry.value.toFixed(4));
        }
      }
    }).observe({ type: 'layout-shift', buffered: true });
  } catch (error) { window.__healedCls.error = String(error); }
`;

/** Measures one page in a fresh browser context (empty cache); the browser stays open. */
export async function measurePageWeight(browser: Browser, url: string, options: MeasureOptions = {}): Promise<PageWeight> {
  const viewport = options.viewport ?? { width: 390, height: 844 };
  const deviceScaleFactor = options.deviceScaleFactor ?? 2;
  const idleMs = options.idleMs ?? 500;
  const context = await browser.newContext({ viewport, deviceScaleFactor, isMobile: true, hasTouch: true });
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: clsObserver });
    const cdp = await context.newCDPSession(page);

    const records = new Map<string, ResourceRecord>();
    const inFlight = new Set<string>();
    let lastActivity = Date.now();
    cdp.on('Network.requestWillBeSent', (event) => {
      if (event.request.url.startsWith('data:')) return;
      inFlight.add(event.requestId);
      lastActivity = Date.now();
      records.set(event.requestId, {
        url: event.request.url, type: event.type ?? 'Other', status: 0, contentType: '', transferBytes: 0,
      });
    });
    cdp.on('Network.responseReceived', (event) => {
      const record = records.get(event.requestId);
      if (!record) return;
      record.status = event.response.status;
      record.type = event.type;
      record.contentType = (event.response.headers['content-type'] ?? event.response.headers['Content-Type'] ?? event.response.mimeType).split(';')[0]!.trim();
    });
    cdp.on('Network.loadingFinished', (event) => {
      const record = records.get(event.requestId);
      if (record) record.transferBytes = event.encodedDataLength;
      inFlight.delete(event.requestId);
      lastActivity = Date.now();
    });
    cdp.on('Network.loadingFailed', (event) => {
      inFlight.delete(event.requestId);
      lastActivity = Date.now();
    });
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });

    /** Resolves once nothing has been in flight for `idleMs` (bounded by 20 s). */
    const networkIdle = async () => {
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline && (inFlight.size > 0 || Date.now() - lastActivity < idleMs)) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const sum = (list: ResourceRecord[]) => list.reduce((total, record) => total + record.transferBytes, 0);

    await page.goto(url, { waitUntil: 'load' });
    await page.waitForLoadState('networkidle');
    await networkIdle();
    const beforeScroll = [...records.values()].map((record) => ({ ...record }));

    const scripts = await measureScripts(page, beforeScroll);

    // Scroll down a screen at a time so lazy images load and any late shift is observed.
    await page.evaluate(async () => {
      const step = Math.max(200, window.innerHeight * 0.8);
      for (let y = 0; y <= document.documentElement.scrollHeight; y += step) {
        window.scrollTo(0, y);
        await new Promise((resolve) => setTimeout(resolve, 120));
      }
      window.scrollTo(0, document.documentElement.scrollHeight);
    });
    await networkIdle();
    await page.waitForTimeout(500);
    const layout = await page.evaluate('window.__healedCls') as { value: number; sources: string[]; error?: string };
    if (layout.error) throw new Error(`layout-shift observer failed: ${layout.error}`);

    const all = [...records.values()];
    const images = all
      .filter((record) => record.type === 'Image' && new URL(record.url).pathname.startsWith('/img/'))
      .map(({ url: imageUrl, contentType }) => ({ url: imageUrl, contentType }));
    return {
      url,
      viewport,
      deviceScaleFactor,
      beforeScroll,
      transferBytes: sum(beforeScroll),
      scripts,
      jsGzipBytes: scripts.reduce((total, script) => total + script.gzipBytes, 0),
      cls: layout.value,
      shiftSources: layout.sources,
      images,
      avifChosen: images.length > 0 && images.every((image) => image.contentType === 'image/avif'),
      transferBytesAfterScroll: sum(all),
    };
  } finally {
    await context.close();
  }
}

/** Gzips every executable script the page loaded: external files refetched, inline ones as written. */
async function measureScripts(page: import('playwright-core').Page, loaded: ResourceRecord[]) {
  const scripts: PageWeight['scripts'] = [];
  const gz = (text: Uint8Array | string) => gzipSync(text, { level: 6 }).byteLength;
  for (const record of loaded.filter((r) => r.type === 'Script' && r.status === 200)) {
    const body = new Uint8Array(await (await fetch(record.url)).arrayBuffer());
    scripts.push({ url: record.url, rawBytes: body.byteLength, gzipBytes: gz(body) });
  }
  const inline = await page.evaluate(() =>
    [...document.querySelectorAll('script:not([src])')]
      .filter((s) => ['', 'text/javascript', 'module', 'application/javascript'].includes((s.getAttribute('type') ?? '').toLowerCase()))
      .map((s) => s.textContent ?? ''),
  );
  inline.forEach((text, index) => {
    if (text.trim()) scripts.push({ url: `(inline #${index + 1})`, rawBytes: Buffer.byteLength(text), gzipBytes: gz(text) });
  });
  return scripts;
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
const verdict = (ok: boolean) => (ok ? 'ok' : 'OVER');

/** The report lines `npm run page-weight` prints. */
export function formatPageWeight(weight: PageWeight): string[] {
  const avifCount = weight.images.filter((image) => image.contentType === 'image/avif').length;
  const types = [...new Set(weight.images.map((image) => image.contentType))].join(', ') || 'none';
  const lines = [
    `page-weight: ${weight.url} at ${weight.viewport.width}×${weight.viewport.height} (DPR ${weight.deviceScaleFactor}), empty cache, no scrolling`,
    `  transfer before lazy images  ${kb(weight.transferBytes).padStart(10)}   target ≤ ${kb(targets.transferBytes)}   ${verdict(weight.transferBytes <= targets.transferBytes)}   (${weight.beforeScroll.length} requests)`,
    `  JS, gzip                     ${kb(weight.jsGzipBytes).padStart(10)}   target ≤ ${kb(targets.jsGzipBytes)}    ${verdict(weight.jsGzipBytes <= targets.jsGzipBytes)}   (${weight.scripts.length} scripts)`,
    `  CLS after scrolling          ${weight.cls.toFixed(4).padStart(10)}   target = 0          ${verdict(weight.cls <= targets.cls)}`,
    `  AVIF chosen                  ${(weight.avifChosen ? 'yes' : 'NO').padStart(10)}   ${avifCount}/${weight.images.length} /img/ responses image/avif (types: ${types})`,
    `  transfer after scrolling     ${kb(weight.transferBytesAfterScroll).padStart(10)}   (lazy images included, for information)`,
  ];
  for (const record of [...weight.beforeScroll].sort((a, b) => b.transferBytes - a.transferBytes).slice(0, 8)) {
    lines.push(`    ${kb(record.transferBytes).padStart(9)}  ${record.type.padEnd(10)} ${record.contentType.padEnd(24)} ${new URL(record.url).pathname}`);
  }
  for (const script of weight.scripts) lines.push(`    js ${kb(script.gzipBytes).padStart(9)} gzip (${kb(script.rawBytes)} raw)  ${script.url.startsWith('(') ? script.url : new URL(script.url).pathname}`);
  for (const source of weight.shiftSources.slice(0, 10)) lines.push(`    shift: ${source}`);
  return lines;
}

/** True when every budget is met. */
export function withinTargets(weight: PageWeight): boolean {
  return weight.transferBytes <= targets.transferBytes && weight.jsGzipBytes <= targets.jsGzipBytes && weight.cls <= targets.cls && weight.avifChosen;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dpr = Number(args.find((arg) => arg.startsWith('--dpr='))?.slice(6) ?? 2);
  ensureBuilt();
  const server = await startServer({ portfoliosDir: shippedPortfolios });
  let browser: Browser | undefined;
  try {
    const casePath = await firstCasePath(server.url);
    browser = await launchBrowser();
    const weight = await measurePageWeight(browser, server.url + casePath, { deviceScaleFactor: dpr });
    for (const line of formatPageWeight(weight)) console.log(line);
    if (args.includes('--strict') && !withinTargets(weight)) process.exitCode = 1;
  } finally {
    await browser?.close();
    await server.stop();
  }
}

// run.mjs points argv[1] at this file; an importing test only gets the exports.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
