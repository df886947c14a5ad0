import { requireRole } from '../../../lib/accounts/index.ts';
import { apiRoute, json, readFields } from '../../../lib/http/index.ts';
import { profiles } from '../../../lib/profiles/server.ts';

/**
 * The signed-in practitioner edits their public profile: `{bio, clinic?, place, languages,
 * website?, booking?}` (`place` is `<country>/<city>` from the place list) → 200 `{profile}`, live
 * at once; 400 naming the field. The /account/profile page posts to itself (no JavaScript needed).
 */
export const { POST, ALL } = apiRoute({
  POST: async (context) => {
    const user = requireRole(context, 'practitioner');
    return json({ profile: await profiles().update(user, await readFields(context.request)) });
  },
});
