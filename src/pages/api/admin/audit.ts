import { requireRole } from '../../../lib/accounts/index.ts';
import { apiRoute, json } from '../../../lib/http/index.ts';
import { moderation } from '../../../lib/moderation/server.ts';

/** The audit log, newest first → 200 `{events: [{id, at, actorUserId, actorEmail, action, subject, before, after}], next}`; page with `?before=<next>&limit=`. */
export const { GET, ALL } = apiRoute({
  GET: (context) => {
    context.cache.set(false);
    requireRole(context, 'admin');
    return json(moderation().audit(Object.fromEntries(context.url.searchParams)));
  },
});
