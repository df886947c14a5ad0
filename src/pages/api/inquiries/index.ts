import { requireRole } from '../../../lib/accounts/index.ts';
import { clientIp } from '../../../lib/accounts/server.ts';
import { apiRoute, isFormPost, json, readFields, sendBack } from '../../../lib/http/index.ts';
import { inquiries } from '../../../lib/inquiries/server.ts';

export const { GET, POST, ALL } = apiRoute({
  /** The signed-in practitioner's inquiries, newest first → 200 `{inquiries: [{id, caseId, name, contact, message, createdAt, handledAt}]}`. */
  GET: (context) => {
    context.cache.set(false);
    return json({ inquiries: inquiries().listOwn(requireRole(context, 'practitioner')) });
  },

  /**
   * Anyone asks a practitioner for a consultation: `{practitioner, caseId?, name, contact,
   * message}` → 201 `{id, status: 'received'}`. The form on practitioner and case pages posts the
   * same fields and is sent to /inquiry-sent (303): those pages are publicly cached, so they
   * cannot show a per-visitor confirmation.
   */
  POST: async (context) => {
    context.cache.set(false);
    const body = await readFields(context.request);
    const send = () => inquiries().send(body, clientIp(context));
    if (!isFormPost(context.request)) {
      const { id, status } = await send();
      return json({ id, status }, 201);
    }
    const target = new URL('/inquiry-sent', context.url);
    if (typeof body.practitioner === 'string') target.searchParams.set('practitioner', body.practitioner);
    return sendBack(target, async () => ({ sent: (await send()).status }));
  },
});
