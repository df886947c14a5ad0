import { requireRole } from '../../../../lib/accounts/index.ts';
import { apiRoute, json } from '../../../../lib/http/index.ts';
import { moderation } from '../../../../lib/moderation/server.ts';

/** The moderation queue → 200 `{submissions: [{id, practitionerSlug, ownerEmail, status, treatment, submittedAt, photoCount, flags}]}`, oldest first. */
export const { GET, ALL } = apiRoute({
  GET: (context) => {
    context.cache.set(false);
    requireRole(context, 'admin');
    return json({ submissions: moderation().queue(Object.fromEntries(context.url.searchParams)) });
  },
});
