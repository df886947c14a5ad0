import { requireUser } from '../../../../lib/accounts/index.ts';
import { apiRoute, isFormPost, json, readOptionalFields, seeOther } from '../../../../lib/http/index.ts';
import { withdrawCaseAs } from '../../../../lib/publishing/server.ts';

/**
 * Withdraws a live case (consent revoked): its practitioner or an admin; optional `reason` →
 * 200 `{status: 'withdrawn'}`. The /account form posts form-encoded and is sent back there.
 */
export const { POST, ALL } = apiRoute({
  POST: async (context) => {
    context.cache.set(false);
    const user = requireUser(context);
    const body = await readOptionalFields(context.request);
    const reason = typeof body.reason === 'string' ? body.reason.slice(0, 1000) : '';
    const done = await withdrawCaseAs(user, context.params.id ?? '', { reason, cache: context.cache });
    if (isFormPost(context.request)) return seeOther(`/account?withdrawn=${encodeURIComponent(done.caseId)}`);
    return json({ status: 'withdrawn', caseId: done.caseId, withdrawnAt: done.withdrawnAt });
  },
});
