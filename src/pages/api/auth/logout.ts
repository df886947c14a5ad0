import { signOutWithCookies } from '../../../lib/accounts/server.ts';
import { apiRoute, isFormPost, noStore, seeOther } from '../../../lib/http/index.ts';

/** Sign out: ends the session and clears the cookie. A browser form is sent on to /login; API callers get 204. */
export const { POST, ALL } = apiRoute({
  POST: (context) => {
    signOutWithCookies(context);
    if (isFormPost(context.request)) return seeOther('/login?signed-out=1');
    return new Response(null, { status: 204, headers: noStore });
  },
});
