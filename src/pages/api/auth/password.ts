import { requireUser } from '../../../lib/accounts/index.ts';
import { changePasswordWithCookies } from '../../../lib/accounts/server.ts';
import { apiRoute, isFormPost, json, readFields, sendBack } from '../../../lib/http/index.ts';

/**
 * Changes the signed-in user's password: `{currentPassword, newPassword}` → 200 `{endedSessions}`;
 * every other session of the account ends. The /account form is sent back there (303).
 */
export const { POST, ALL } = apiRoute({
  POST: async (context) => {
    const user = requireUser(context);
    const body = await readFields(context.request);
    const change = () => changePasswordWithCookies(context, user, body);
    if (!isFormPost(context.request)) return json(await change());
    return sendBack(new URL('/account', context.url), async () => ({ password: 'changed', ended: String((await change()).endedSessions) }));
  },
});
