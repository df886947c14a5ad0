/**
 * Chromium for browser tests and scripts: Debian's `/usr/bin/chromium` (or `CHROMIUM_PATH`),
 * driven by playwright-core. Never downloads a browser; `npm test` installs one when none exists.
 */
import { chromium, type Browser } from 'playwright-core';

/** Where the system Chromium lives on Debian. */
export const systemChromium = '/usr/bin/chromium';

/**
 * Flags for a headless, sandbox-less (we run as root in CI) Chromium that makes no network calls
 * of its own: no QUIC, no component/sync/background traffic, so only our loopback server is hit.
 */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The Chromium executable tests use: `CHROMIUM_PATH`, else Debian's. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHROMIUM_PATH || systemChromium;
}

/** Launches Chromium; close it with `browser.close()` in the test's teardown. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  try {
    return await chromium.launch({ executablePath, args: chromiumArgs });
  } catch (error) {
    throw new Error(
      `Could not launch Chromium at ${executablePath}: install Debian's chromium (apt-get install -y chromium), ` +
        'set CHROMIUM_PATH, or run `npm test`, which installs one.',
      { cause: error },
    );
  }
}

/**
 * Init script (`context.addInitScript({ content })`): turns every CSP violation into a console
 * error, so a test's "no console errors" check also catches what the CSP blocked.
 */
export const reportCspViolations = `
  document.addEventListener('securitypolicyviolation', (event) => {
    console.error('CSP violation: ' + event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline') + ' at ' + event.sourceFile + ':' + event.lineNumber);
  });
`;
