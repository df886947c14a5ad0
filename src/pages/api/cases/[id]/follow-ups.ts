import { requireRole } from '../../../../lib/accounts/index.ts';
import { apiRoute, isFormPost, json, readOptionalFields, seeOther, sendBack } from '../../../../lib/http/index.ts';
import { submissions } from '../../../../lib/submissions/server.ts';

/**
 * Starts a follow-up of one of the practitioner's live cases: optional `{touchUp?, notes?}` → 201
 * `{id, kind: 'follow-up', status: 'draft'}`. Its photos, submit and moderation then go through
 * `/api/submissions/:id/…`. The /account form posts the same fields and is sent on to /submit.
 */
export const { POST, ALL } = apiRoute({
  POST: async (context) => {
    context.cache.set(false);
    const user = requireRole(context, 'practitioner');
    const body = await readOptionalFields(context.request);
    const create = () => submissions().createFollowUp(user, context.params.id, body);
    if (!isFormPost(context.request)) {
      const draft = await create();
      return json({ id: draft.id, kind: draft.kind, status: draft.status, caseId: draft.caseId }, 201, { Location: `/api/submissions/${draft.id}` });
    }
    // Without JavaScript too: the draft opens in /submit (photos step); a refusal goes back to /account.
    let created: string | undefined;
    const refused = await sendBack(new URL('/account', context.url), async () => ((created = (await create()).id), {}));
    return created ? seeOther(`/submit?id=${encodeURIComponent(created)}&step=photos`) : refused;
  },
});
