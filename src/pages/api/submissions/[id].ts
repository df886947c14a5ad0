import { requireRole, requireUser } from '../../../lib/accounts/index.ts';
import { apiRoute, json, readJson } from '../../../lib/http/index.ts';
import { submissions } from '../../../lib/submissions/server.ts';

export const { GET, PATCH, ALL } = apiRoute({
  /** One of the user's submissions with its photos, flags and status (404 for anyone else's). */
  GET: (context) => {
    context.cache.set(false);
    return json(submissions().getOwned(requireUser(context), context.params.id));
  },
  /** Changes a draft's details or records its consent (any of the POST fields; a follow-up: `touchUp`, `notes`) → 200 with the draft. */
  PATCH: async (context) => {
    const user = requireRole(context, 'practitioner');
    return json(await submissions().updateDraft(user, context.params.id, await readJson(context.request)));
  },
});
