import type { APIRoute } from 'astro';
import { requireRole } from '../../../../lib/accounts/index.ts';
import { answer, json } from '../../../../lib/submissions/http.ts';
import { submissions } from '../../../../lib/submissions/server.ts';

/** Submits a draft for moderation → 200 `{status: 'pending', flags: [{code, message, photoId?}]}`. */
export const POST: APIRoute = (context) =>
  answer(() => {
    const user = requireRole(context, 'practitioner');
    if (user instanceof Response) return user;
    return json(submissions().submit(user, context.params.id));
  });
