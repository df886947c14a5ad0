import { publicUser, requireUser } from '../../lib/accounts/index.ts';
import { apiRoute, json } from '../../lib/http/index.ts';

/** The signed-in user `{user: {id, email, role, practitionerSlug}}`, or 401. */
export const { GET, ALL } = apiRoute({
  GET: (context) => {
    context.cache.set(false);
    return json({ user: publicUser(requireUser(context)) });
  },
});
