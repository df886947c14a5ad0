import type { APIRoute } from 'astro';
import { requireRole, requireUser } from '../../../lib/accounts/index.ts';
import { answer, json, readJson } from '../../../lib/submissions/http.ts';
import { submissions } from '../../../lib/submissions/server.ts';

/** One of the user's submissions with its photos, flags and status (404 for anyone else's). */
export const GET: APIRoute = (context) =>
  answer(() => {
    context.cache.set(false);
    const user = requireUser(context);
    if (user instanceof Response) return user;
    return json(submissions().getOwned(user, context.params.id));
  });

/** Changes a draft's details or records its consent (any of the POST fields) → 200 with the draft. */
export const PATCH: APIRoute = (context) =>
  answer(async () => {
    const user = requireRole(context, 'practitioner');
    if (user instanceof Response) return user;
    return json(submissions().updateDraft(user, context.params.id, await readJson(context.request)));
  });
