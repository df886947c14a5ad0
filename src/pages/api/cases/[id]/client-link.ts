import { requireRole } from '../../../../lib/accounts/index.ts';
import { clientLinks } from '../../../../lib/client-links/server.ts';
import { apiRoute, readOptionalFields } from '../../../../lib/http/index.ts';
import { clientLinkAnswer } from '../../_utils/client-link-answer.ts';

/**
 * A one-time link for a published case's client (its practitioner or an admin): optional
 * `{email}` → 201 `{url, expiresAt, mailed}`; a new link replaces the case's earlier one. The
 * /account form posts the same fields and is sent back there with the link to copy.
 */
export const { POST, ALL } = apiRoute({
  POST: async (context) => {
    context.cache.set(false);
    const user = requireRole(context, 'practitioner', 'admin');
    const body = await readOptionalFields(context.request);
    return clientLinkAnswer(context, () => clientLinks().linkForCase(user, context.params.id, body), user.role === 'admin' ? '/admin/declines' : '/account');
  },
});
