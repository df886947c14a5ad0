import { requireUser } from '../../../lib/accounts/index.ts';
import { signOutEverywhereWithCookies } from '../../../lib/accounts/server.ts';
import { apiRoute, isFormPost, json, seeOther } from '../../../lib/http/index.ts';

/**
 * "Sign out everywhere": ends every session of the signed-in user, this one included → 200
 * `{endedSessions}`. The /account form is sent on to /login.
 */
export const { POST, ALL } = apiRoute({
  POST: (context) => {
    const user = requireUser(context);
    const result = signOutEverywhereWithCookies(context, user);
    if (isFormPost(context.request)) return seeOther('/login?signed-out=everywhere');
    return json(result);
  },
});
