import type { APIRoute } from 'astro';
import { requireRole } from '../../../../lib/accounts/index.ts';
import { answer, json } from '../../../../lib/moderation/http.ts';
import { credentials } from '../../../../lib/moderation/server.ts';

/** Credentials waiting for verification, oldest first → 200 `{credentials: [{id, practitionerSlug, title, issuer, year, status, certificateUrl, …}]}`. */
export const GET: APIRoute = (context) =>
  answer(() => {
    context.cache.set(false);
    const user = requireRole(context, 'admin');
    if (user instanceof Response) return user;
    return json({ credentials: credentials().pending() });
  });
