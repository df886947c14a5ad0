import { requireRole } from '../../../../../lib/accounts/index.ts';
import { apiRoute, isFormPost, json, readFields, sendBack } from '../../../../../lib/http/index.ts';
import { credentials } from '../../../../../lib/moderation/server.ts';

/**
 * Verifies or rejects a credential: `{action: 'verify'|'reject', reason?}` → 200 `{status}`. The
 * admin page posts the same fields as a form and is sent back (303) with the outcome.
 */
export const { POST, ALL } = apiRoute({
  POST: async (context) => {
    const user = requireRole(context, 'admin');
    const id = context.params.id ?? '';
    const body = await readFields(context.request);
    const decide = () => credentials().decide(user, id, body, { cache: context.cache });
    if (!isFormPost(context.request)) return json(await decide());
    return sendBack(new URL('/admin/credentials', context.url), async () => ({ decided: (await decide()).status }));
  },
});
