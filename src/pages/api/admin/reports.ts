import type { APIRoute } from 'astro';
import { requireRole } from '../../../lib/accounts/index.ts';
import { answer, json } from '../../../lib/moderation/http.ts';
import { reports } from '../../../lib/moderation/server.ts';

/** Open public reports, oldest first → 200 `{reports: [{id, caseId, reason, contact, createdAt, status}]}`. */
export const GET: APIRoute = (context) =>
  answer(() => {
    context.cache.set(false);
    const user = requireRole(context, 'admin');
    if (user instanceof Response) return user;
    return json({ reports: reports().openReports() });
  });
