import { requireRole } from '../../../../lib/accounts/index.ts';
import { apiRoute, json } from '../../../../lib/http/index.ts';
import { credentials } from '../../../../lib/moderation/server.ts';

/** Credentials waiting for verification, oldest first → 200 `{credentials: [{id, practitionerSlug, title, issuer, year, status, certificateUrl, …}]}`. */
export const { GET, ALL } = apiRoute({
  GET: (context) => {
    context.cache.set(false);
    requireRole(context, 'admin');
    return json({ credentials: credentials().pending() });
  },
});
