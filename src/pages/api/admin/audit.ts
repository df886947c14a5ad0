import type { APIRoute } from 'astro';
import { requireRole } from '../../../lib/accounts/index.ts';
import { answer, json } from '../../../lib/moderation/http.ts';
import { moderation } from '../../../lib/moderation/server.ts';

/** The audit log, newest first → 200 `{events: [{id, at, actorUserId, actorEmail, action, subject, before, after}], next}`; page with `?before=<next>&limit=`. */
export const GET: APIRoute = (context) =>
  answer(() => {
    context.cache.set(false);
    const user = requireRole(context, 'admin');
    if (user instanceof Response) return user;
    return json(moderation().audit(Object.fromEntries(context.url.searchParams)));
  });
