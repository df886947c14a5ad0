/**
 * Cross-site request forgery guard for every state-changing request. Astro's `checkOrigin` only
 * covers form content types (and requests without one); a JSON or multipart API call from another
 * site must be refused too, so this checks every method except the safe ones, whatever the body.
 */

import { jsonError } from '../http/index.ts';

/** Methods that must not change state, so any site may send them. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The request headers the rule reads. */
export interface OriginEvidence {
  origin: string | null;
  secFetchSite: string | null;
  referer: string | null;
}

/** Whether a request may proceed, and if not, why (for the error message). */
export type OriginVerdict = { allowed: true } | { allowed: false; reason: string };

/**
 * The rule, pure. For an unsafe method: `Origin` must equal the site's origin; without `Origin`,
 * `Sec-Fetch-Site` must be `same-origin`; without either, the `Referer`'s origin must match.
 * With none of the three the request did not come from a browser page (browsers send at least
 * one on every unsafe request), so it cannot be a forged one: API clients, CLIs and server-to-
 * server callbacks are let through to their own authentication.
 */
export function checkRequestOrigin(method: string, evidence: OriginEvidence, siteOrigins: readonly string[]): OriginVerdict {
  if (SAFE_METHODS.has(method.toUpperCase())) return { allowed: true };
  if (evidence.origin !== null) {
    // `Origin: null` (sandboxed frames, file:// pages) never matches.
    return siteOrigins.includes(evidence.origin) ? { allowed: true } : { allowed: false, reason: `Origin ${evidence.origin}` };
  }
  if (evidence.secFetchSite !== null) {
    // `same-site` is refused too: a sibling subdomain is not this site.
    return evidence.secFetchSite === 'same-origin' ? { allowed: true } : { allowed: false, reason: `Sec-Fetch-Site ${evidence.secFetchSite}` };
  }
  if (evidence.referer !== null) {
    const refererOrigin = URL.canParse(evidence.referer) ? new URL(evidence.referer).origin : 'unparseable';
    return siteOrigins.includes(refererOrigin) ? { allowed: true } : { allowed: false, reason: `Referer origin ${refererOrigin}` };
  }
  return { allowed: true };
}

/**
 * A 403 JSON Response for a cross-site state-changing request, or undefined to let it through.
 * `siteOrigins` come from the configured `SITE_URL`, never from the request's own `Host`: a
 * forged Host would otherwise make any Origin "same-site".
 */
export function refuseForeignOrigin(request: Request, siteOrigins: readonly string[]): Response | undefined {
  const verdict = checkRequestOrigin(
    request.method,
    { origin: request.headers.get('origin'), secFetchSite: request.headers.get('sec-fetch-site'), referer: request.headers.get('referer') },
    siteOrigins,
  );
  if (verdict.allowed) return undefined;
  return jsonError(403, 'bad-origin', `Refused a cross-site ${request.method} (${verdict.reason}): changes are only accepted from pages of ${siteOrigins[0]}.`);
}
