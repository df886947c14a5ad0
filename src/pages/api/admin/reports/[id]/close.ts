import { requireRole } from '../../../../../lib/accounts/index.ts';
import { apiRoute, isFormPost, json, sendBack } from '../../../../../lib/http/index.ts';
import { reports } from '../../../../../lib/moderation/server.ts';

/** Closes a handled report → 200 `{status: 'closed'}`; the admin page's form is sent back (303). */
export const { POST, ALL } = apiRoute({
  POST: (context) => {
    const user = requireRole(context, 'admin');
    if (!isFormPost(context.request)) return json(reports().close(user, context.params.id));
    return sendBack(new URL('/admin/reports', context.url), () => (reports().close(user, context.params.id), { closed: '1' }));
  },
});
