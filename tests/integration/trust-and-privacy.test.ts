import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyPortfolios, repoRoot, shippedPortfolios, startServer, type RunningServer } from '../helpers/server.ts';

/** Every file under a folder, recursively. */
function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Case folders of the shipped content with their parsed case.yaml. */
function shippedCases() {
  return walk(shippedPortfolios)
    .filter((f) => f.endsWith('case.yaml'))
    .map((f) => ({ id: path.basename(path.dirname(f)), data: parse(readFileSync(f, 'utf8')) as { photos: { evidence: { level: string; tool?: string }; claimedStage?: string; sha256: string }[] } }));
}

const imageUrls = (html: string) => [...new Set([...html.matchAll(/\/img\/[a-z0-9.]+/g)].map((m) => m[0]))];

describe('what the server serves is trustworthy and private', () => {
  let server: RunningServer;
  let portfoliosDir: string;

  beforeAll(async () => {
    portfoliosDir = await copyPortfolios();
    server = await startServer({ portfoliosDir });
  });
  afterAll(() => server?.stop());

  it('serves images without EXIF, GPS, XMP or IPTC in any format', async () => {
    const { id } = shippedCases()[0]!;
    const html = await (await fetch(`${server.url}/cases/${id}/`)).text();
    const urls = imageUrls(html);
    expect(urls.length).toBeGreaterThan(3);
    for (const url of urls) {
      const res = await fetch(server.url + url);
      expect(res.status, url).toBe(200);
      const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
      expect({ url, exif: meta.exif, xmp: meta.xmp, iptc: meta.iptc }).toEqual({ url, exif: undefined, xmp: undefined, iptc: undefined });
    }
  });

  it('never copies a source photo into dist/, and no image in dist/ carries metadata', async () => {
    const masters = new Set(shippedCases().flatMap((c) => c.data.photos.map((p) => p.sha256)));
    const images = walk(path.join(repoRoot, 'dist')).filter((f) => /\.(jpe?g|png|webp|avif|gif|tiff?|heic)$/i.test(f));
    for (const file of images) {
      const bytes = readFileSync(file);
      expect(masters.has(createHash('sha256').update(bytes).digest('hex')), file).toBe(false);
      expect((await sharp(bytes).metadata()).exif, file).toBeUndefined();
    }
  });

  it('labels declared healed dates as unverified and never gives them the healed badge', async () => {
    const kase = shippedCases().find((c) => c.data.photos.some((p) => p.evidence.level === 'declared' && p.claimedStage === 'healed'));
    expect(kase, 'the demo content has a declared healed photo').toBeDefined();
    const html = await (await fetch(`${server.url}/cases/${kase!.id}/`)).text();
    expect(html).toMatch(/Healed · \d+ days \(declared, unverified\)/);
    // The ✓ mark belongs to earned badges only, and an earned badge never says "declared".
    expect(html).not.toMatch(/✓ <\/span>[^<]*declared/);
  });

  it('says per photo in plain words what its evidence is, and an edited photo earns no badge', async () => {
    const kase = shippedCases().find((c) => c.data.photos.some((p) => p.evidence.level === 'edited'));
    expect(kase, 'the demo content has an edited photo').toBeDefined();
    const html = await (await fetch(`${server.url}/cases/${kase!.id}/`)).text();
    const edited = kase!.data.photos.filter((p) => p.evidence.level === 'edited');
    for (const photo of edited) expect(html).toContain(`Edited in ${photo.evidence.tool}`);
    const counts = (level: string) => kase!.data.photos.filter((p) => p.evidence.level === level).length;
    // The timeline's own line per photo (badges repeat the words in their title attribute).
    const lines = (level: string) => [...html.matchAll(new RegExp(`<span class="evidence evidence-${level}"[^>]*>([^<]*)</span>`, 'g'))].map((m) => m[1]!);
    expect(lines('camera-original')).toHaveLength(counts('camera-original'));
    expect(lines('camera-original').every((line) => line.includes("Date from the camera&#39;s own metadata"))).toBe(true);
    expect(lines('declared')).toHaveLength(counts('declared'));
    expect(lines('declared').every((line) => line.includes('Date given by the practitioner, not checked'))).toBe(true);
    expect(html).not.toMatch(/✓ <\/span>[^<]*edited/);
    const about = await (await fetch(`${server.url}/about`)).text();
    expect(about).toMatch(/camera metadata is plain text inside the file, and anyone with the right tool can write any date into it/);
    expect(about).toMatch(/A signature cannot be forged/);
  });

  it('describes practitioner and case pages with schema.org JSON-LD and Open Graph', async () => {
    const { id } = shippedCases()[0]!;
    const casePage = await (await fetch(`${server.url}/cases/${id}/`)).text();
    const practitionerPath = casePage.match(/href="(\/practitioners\/[a-z0-9-]+\/)"/)?.[1];
    const practitionerPage = await (await fetch(server.url + practitionerPath)).text();
    for (const [html, type, og] of [[casePage, 'ImageGallery', 'article'], [practitionerPage, 'HealthAndBeautyBusiness', 'profile']] as const) {
      const json = html.match(/<script type="application\/ld\+json">(.*?)<\/script>/s)?.[1];
      expect(JSON.parse(json ?? 'null')['@type']).toBe(type);
      expect(html).toContain(`<meta property="og:type" content="${og}">`);
      expect(html).toMatch(/<meta property="og:title" content="[^"]+">/);
    }
    expect(casePage).toMatch(/<meta property="og:image" content="http:\/\/127\.0\.0\.1:\d+\/img\/[a-f0-9]{64}\.[a-f0-9]{8}\.\d+\.jpg">/);
  });

  it('answers cached pages from memory even when portfolios/ is gone', async () => {
    const { id } = shippedCases()[1]!;
    const first = await fetch(`${server.url}/cases/${id}/`);
    const body = await first.text();
    await (await fetch(`${server.url}/cases/${id}/`)).text();
    renameSync(portfoliosDir, `${portfoliosDir}-moved`);
    try {
      expect(statSync(`${portfoliosDir}-moved`).isDirectory()).toBe(true);
      const cached = await fetch(`${server.url}/cases/${id}/`);
      expect(cached.status).toBe(200);
      expect(cached.headers.get('x-astro-cache')).toBe('HIT');
      expect(await cached.text()).toBe(body);
    } finally {
      renameSync(`${portfoliosDir}-moved`, portfoliosDir);
    }
  });

  it('answers unknown practitioners with the real 404 page', async () => {
    const res = await fetch(`${server.url}/practitioners/no-such-person/`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Page not found');
  });
});
