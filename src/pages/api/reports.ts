import { clientIp } from '../../lib/accounts/server.ts';
import { apiRoute, isFormPost, json, readFields, sendBack } from '../../lib/http/index.ts';
import { reports } from '../../lib/moderation/server.ts';

/**
 * Anyone reports a published case: `{caseId, reason, contact?}` → 202 `{id, status: 'open'}`.
 * The case page's form posts the same fields and is sent to /reported (303): the case page itself
 * is publicly cached, so it cannot show a per-visitor confirmation.
 */
export const { POST, ALL } = apiRoute({
  POST: async (context) => {
    context.cache.set(false);
    const body = await readFields(context.request);
    const report = () => reports().createReport(body, clientIp(context));
    if (!isFormPost(context.request)) {
      const { id, status } = await report();
      return json({ id, status }, 202);
    }
    const target = new URL('/reported', context.url);
    if (typeof body.caseId === 'string') target.searchParams.set('case', body.caseId);
    return sendBack(target, async () => (await report(), {}));
  },
});
