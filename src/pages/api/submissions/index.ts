import type { APIRoute } from 'astro';
import { requireRole, requireUser } from '../../../lib/accounts/index.ts';
import { answer, json, readJson } from '../../../lib/submissions/http.ts';
import { submissions } from '../../../lib/submissions/server.ts';

/** Creates a draft case: `{treatment, profile, sessions, notes?, consent?}` → 201 `{id, status: 'draft'}`. */
export const POST: APIRoute = (context) =>
  answer(async () => {
    const user = requireRole(context, 'practitioner');
    if (user instanceof Response) return user;
    const draft = submissions().createDraft(user, await readJson(context.request));
    return json({ id: draft.id, status: draft.status }, 201, { Location: `/api/submissions/${draft.id}` });
  });

/** The signed-in user's own submissions, newest first: `{submissions: [...]}`. */
export const GET: APIRoute = (context) =>
  answer(() => {
    context.cache.set(false);
    const user = requireUser(context);
    if (user instanceof Response) return user;
    return json({ submissions: submissions().listOwn(user) });
  });
