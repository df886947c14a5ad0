import { requireRole, requireUser } from '../../../lib/accounts/index.ts';
import { apiRoute, json, readJson } from '../../../lib/http/index.ts';
import { submissions } from '../../../lib/submissions/server.ts';

export const { GET, POST, ALL } = apiRoute({
  /** Creates a draft case: `{treatment, profile, sessions, notes?, consent?}` → 201 `{id, status: 'draft'}`. */
  POST: async (context) => {
    const user = requireRole(context, 'practitioner');
    const draft = submissions().createDraft(user, await readJson(context.request));
    return json({ id: draft.id, status: draft.status }, 201, { Location: `/api/submissions/${draft.id}` });
  },
  /** The signed-in user's own submissions, newest first: `{submissions: [...]}`. */
  GET: (context) => {
    context.cache.set(false);
    return json({ submissions: submissions().listOwn(requireUser(context)) });
  },
});
