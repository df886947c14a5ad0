import { requireRole } from '../../../../../lib/accounts/index.ts';
import { declineReviews } from '../../../../../lib/client-links/server.ts';
import { apiRoute, isFormPost, json, readFields, sendBack } from '../../../../../lib/http/index.ts';

/**
 * A moderator decides about a published case its client declined (hidden since): `{action:
 * 'restore'|'withdraw', note?}` → 200 `{action, caseId}`. The /admin/declines form is sent back there.
 */
export const { POST, ALL } = apiRoute({
  POST: async (context) => {
    context.cache.set(false);
    const user = requireRole(context, 'admin');
    const body = await readFields(context.request);
    const review = () => declineReviews().review(user, context.params.id, body);
    if (!isFormPost(context.request)) return json(await review());
    return sendBack(new URL('/admin/declines', context.url), async () => ({ reviewed: (await review()).action }));
  },
});
