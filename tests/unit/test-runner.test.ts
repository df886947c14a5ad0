import { describe, expect, it } from 'vitest';
import { decideBrowser, systemChromium, type BrowserFacts } from '../../scripts/test.ts';

/** Builds the facts of a machine: by default a non-root, non-Debian box with no browser. */
function facts(overrides: Partial<BrowserFacts> & { files?: string[] } = {}): BrowserFacts {
  const files = new Set(overrides.files ?? []);
  return { envPath: undefined, isRoot: false, hasApt: false, exists: (file) => files.has(file), ...overrides };
}

describe('decideBrowser', () => {
  it('uses CHROMIUM_PATH when it points at a file, even if the system one exists', () => {
    const action = decideBrowser(facts({ envPath: '/opt/chrome', files: ['/opt/chrome', systemChromium] }));
    expect(action).toMatchObject({ kind: 'use', path: '/opt/chrome' });
    expect(action.message).toContain('CHROMIUM_PATH');
  });

  it('fails, saying how to fix it, when CHROMIUM_PATH points nowhere', () => {
    const action = decideBrowser(facts({ envPath: '/nope', files: [systemChromium], isRoot: true, hasApt: true }));
    expect(action.kind).toBe('fail');
    expect(action.message).toMatch(/does not exist.*unset it/);
  });

  it("uses Debian's Chromium when it exists", () => {
    expect(decideBrowser(facts({ files: [systemChromium] }))).toMatchObject({ kind: 'use', path: systemChromium });
  });

  it('installs with apt as root on Debian when no browser exists', () => {
    expect(decideBrowser(facts({ isRoot: true, hasApt: true }))).toMatchObject({ kind: 'apt', path: systemChromium });
  });

  it("falls back to Playwright's Chromium without root or without apt", () => {
    expect(decideBrowser(facts({ isRoot: false, hasApt: true })).kind).toBe('playwright');
    expect(decideBrowser(facts({ isRoot: true, hasApt: false })).kind).toBe('playwright');
  });

  it('prints exactly one line about its decision', () => {
    for (const action of [decideBrowser(facts()), decideBrowser(facts({ files: [systemChromium] }))]) {
      expect(action.message).not.toContain('\n');
      expect(action.message).toMatch(/^browser: /);
    }
  });
});
