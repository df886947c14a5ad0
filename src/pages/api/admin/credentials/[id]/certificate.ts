import { requireRole } from '../../../../../lib/accounts/index.ts';
import { apiRoute } from '../../../../../lib/http/index.ts';
import { credentials } from '../../../../../lib/moderation/server.ts';
import { previewContentType } from '../../../../../lib/storage/masters.ts';

/** The certificate's private preview (admins only; never cached by shared caches). */
export const { GET, ALL } = apiRoute({
  GET: async (context) => {
    context.cache.set(false);
    requireRole(context, 'admin');
    const bytes = await credentials().certificate(context.params.id);
    return new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'Content-Type': previewContentType, 'Cache-Control': 'private, no-store' } });
  },
});
