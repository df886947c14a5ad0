import { requireRole } from '../../../../lib/accounts/index.ts';
import { clientLinks } from '../../../../lib/client-links/server.ts';
import { apiRoute, isFormPost, json, readOptionalFields, sendBack } from '../../../../lib/http/index.ts';

/**
 * A one-time link for the client of one of the practitioner's cases, draft or pending (a live
 * one's link is to the published case): optional `{email}` → 201 `{url, expiresAt, mailed}`.
 */
export const { POST, ALL } = apiRoute({
  POST: async (context) => {
    context.cache.set(false);
    const user = requireRole(context, 'practitioner');
    const body = await readOptionalFields(context.request);
    const create = () => clientLinks().linkForSubmission(user, context.params.id, body);
    if (!isFormPost(context.request)) return json(await create(), 201);
    const back = new URL('/account', context.url);
    return sendBack(back, async () => {
      const link = await create();
      return { clientLink: link.url, linkFor: String(context.params.id), mailed: link.mailed ? 'yes' : 'no' };
    });
  },
});
