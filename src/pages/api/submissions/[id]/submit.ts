import { requireRole } from '../../../../lib/accounts/index.ts';
import { apiRoute, json } from '../../../../lib/http/index.ts';
import { submissions } from '../../../../lib/submissions/server.ts';

/** Submits a draft for moderation → 200 `{status: 'pending', flags: [{code, message, photoId?}]}`. */
export const { POST, ALL } = apiRoute({
  POST: (context) => json(submissions().submit(requireRole(context, 'practitioner'), context.params.id)),
});
