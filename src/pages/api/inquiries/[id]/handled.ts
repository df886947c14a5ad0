import { requireRole } from '../../../../lib/accounts/index.ts';
import { apiRoute, isFormPost, json, sendBack } from '../../../../lib/http/index.ts';
import { inquiries } from '../../../../lib/inquiries/server.ts';

/** The practitioner marks an inquiry handled → 200 `{status: 'handled'}`; /account/inquiries' form is sent back there (303). */
export const { POST, ALL } = apiRoute({
  POST: (context) => {
    const user = requireRole(context, 'practitioner');
    if (!isFormPost(context.request)) return json(inquiries().markHandled(user, context.params.id));
    return sendBack(new URL('/account/inquiries', context.url), () => ({ handled: inquiries().markHandled(user, context.params.id).status }));
  },
});
