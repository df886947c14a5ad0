import type { APIRoute } from 'astro';
import { requireRole } from '../../../../lib/accounts/index.ts';
import { answer, json } from '../../../../lib/moderation/http.ts';
import { moderation } from '../../../../lib/moderation/server.ts';

/** The moderation queue → 200 `{submissions: [{id, practitionerSlug, ownerEmail, status, treatment, submittedAt, photoCount, flags}]}`, oldest first. */
export const GET: APIRoute = (context) =>
  answer(() => {
    context.cache.set(false);
    const user = requireRole(context, 'admin');
    if (user instanceof Response) return user;
    return json({ submissions: moderation().queue(Object.fromEntries(context.url.searchParams)) });
  });
