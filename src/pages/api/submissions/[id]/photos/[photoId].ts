import { requireRole } from '../../../../../lib/accounts/index.ts';
import { apiRoute, noStore } from '../../../../../lib/http/index.ts';
import { submissions } from '../../../../../lib/submissions/server.ts';

/** Removes a photo from a draft (its original and, once unused, its master too) → 204. */
export const { DELETE, ALL } = apiRoute({
  DELETE: async (context) => {
    const user = requireRole(context, 'practitioner');
    await submissions().deletePhoto(user, context.params.id, context.params.photoId);
    return new Response(null, { status: 204, headers: noStore });
  },
});
