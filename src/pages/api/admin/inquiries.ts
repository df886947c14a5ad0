import { requireRole } from '../../../lib/accounts/index.ts';
import { apiRoute, json } from '../../../lib/http/index.ts';
import { inquiries } from '../../../lib/inquiries/server.ts';

/** How many inquiries each practitioner has, open and handled → 200 `{counts: [{practitionerSlug, open, handled}]}`; never their contents. */
export const { GET, ALL } = apiRoute({
  GET: (context) => {
    context.cache.set(false);
    return json({ counts: inquiries().counts(requireRole(context, 'admin')) });
  },
});
