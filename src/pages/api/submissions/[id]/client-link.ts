import { requireRole } from '../../../../lib/accounts/index.ts';
import { clientLinks } from '../../../../lib/client-links/server.ts';
import { apiRoute, readOptionalFields } from '../../../../lib/http/index.ts';
import { clientLinkAnswer } from '../../_utils/client-link-answer.ts';

/**
 * A one-time link for the client of one of the practitioner's cases, draft or pending (a live
 * one's link is to the published case): optional `{email}` → 201 `{url, expiresAt, mailed}`.
 */
export const { POST, ALL } = apiRoute({
  POST: async (context) => {
    context.cache.set(false);
    const user = requireRole(context, 'practitioner');
    const body = await readOptionalFields(context.request);
    return clientLinkAnswer(context, () => clientLinks().linkForSubmission(user, context.params.id, body), '/account');
  },
});
