import type { APIRoute } from 'astro';
import { clientIp } from '../../lib/accounts/server.ts';
import { isModerationError } from '../../lib/moderation/errors.ts';
import { answer, isFormPost, json, readBody } from '../../lib/moderation/http.ts';
import { reports } from '../../lib/moderation/server.ts';

/**
 * Anyone reports a published case: `{caseId, reason, contact?}` → 202 `{id, status: 'open'}`.
 * The case page's form posts the same fields and is sent to /reported (303): the case page itself
 * is publicly cached, so it cannot show a per-visitor confirmation.
 */
export const POST: APIRoute = (context) =>
  answer(async () => {
    context.cache.set(false);
    const body = await readBody(context.request);
    if (!isFormPost(context.request)) {
      const report = await reports().createReport(body, clientIp(context));
      return json({ id: report.id, status: report.status }, 202);
    }
    const target = new URL('/reported', context.url);
    if (typeof body.caseId === 'string') target.searchParams.set('case', body.caseId);
    try {
      await reports().createReport(body, clientIp(context));
    } catch (error) {
      if (!isModerationError(error)) throw error;
      target.searchParams.set('error', error.code);
    }
    return new Response(null, { status: 303, headers: { Location: target.pathname + target.search, 'Cache-Control': 'no-store' } });
  });
