import type { APIRoute } from 'astro';
import { requireRole } from '../../../../../lib/accounts/index.ts';
import { answer } from '../../../../../lib/submissions/http.ts';
import { submissions } from '../../../../../lib/submissions/server.ts';

/** Removes a photo from a draft (its original and, once unused, its master too) → 204. */
export const DELETE: APIRoute = (context) =>
  answer(async () => {
    const user = requireRole(context, 'practitioner');
    if (user instanceof Response) return user;
    await submissions().deletePhoto(user, context.params.id, context.params.photoId);
    return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
  });
