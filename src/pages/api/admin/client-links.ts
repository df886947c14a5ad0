import { requireRole } from '../../../lib/accounts/index.ts';
import { clientLinks } from '../../../lib/client-links/server.ts';
import { apiRoute, readFields } from '../../../lib/http/index.ts';
import { clientLinkAnswer } from '../_utils/client-link-answer.ts';

/**
 * An admin sends a published case's client a fresh link (to confirm, decline or withdraw their
 * consent): `{caseId, email?}` → 201 `{url, expiresAt, mailed}`. The /admin/declines form posts
 * the same fields and is sent back there with the link to copy.
 */
export const { POST, ALL } = apiRoute({
  POST: async (context) => {
    context.cache.set(false);
    const user = requireRole(context, 'admin');
    const { caseId, ...body } = await readFields(context.request);
    return clientLinkAnswer(context, () => clientLinks().linkForCase(user, caseId, body), '/admin/declines');
  },
});
