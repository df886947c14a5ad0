import { requireRole } from '../../../../../lib/accounts/index.ts';
import { apiRoute, isFormPost, json, readFields, sendBack } from '../../../../../lib/http/index.ts';
import { moderation } from '../../../../../lib/moderation/server.ts';

/**
 * Decides a pending submission: `{action: 'approve'|'reject'|'request-changes', reason?}` → 200
 * `{status}`. The review page posts the same fields as a form: it is sent back there (303) with
 * the outcome in the query, so the page works without JavaScript.
 */
export const { POST, ALL } = apiRoute({
  POST: async (context) => {
    const user = requireRole(context, 'admin');
    const id = context.params.id ?? '';
    const body = await readFields(context.request);
    const decide = () => moderation().decide(user, id, body, { cache: context.cache });
    if (!isFormPost(context.request)) return json(await decide());
    return sendBack(new URL(`/admin/submissions/${encodeURIComponent(id)}`, context.url), async () => ({ decided: (await decide()).status }));
  },
});
