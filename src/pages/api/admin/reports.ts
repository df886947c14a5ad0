import { requireRole } from '../../../lib/accounts/index.ts';
import { apiRoute, json } from '../../../lib/http/index.ts';
import { reports } from '../../../lib/moderation/server.ts';

/** Open public reports, oldest first → 200 `{reports: [{id, caseId, reason, contact, createdAt, status}]}`. */
export const { GET, ALL } = apiRoute({
  GET: (context) => {
    context.cache.set(false);
    requireRole(context, 'admin');
    return json({ reports: reports().openReports() });
  },
});
