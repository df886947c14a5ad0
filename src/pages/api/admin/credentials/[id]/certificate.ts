import type { APIRoute } from 'astro';
import { requireRole } from '../../../../../lib/accounts/index.ts';
import { answer } from '../../../../../lib/moderation/http.ts';
import { credentials } from '../../../../../lib/moderation/server.ts';
import { previewContentType } from '../../../../../lib/storage/masters.ts';

/** The certificate's private preview (admins only; never cached by shared caches). */
export const GET: APIRoute = (context) =>
  answer(async () => {
    context.cache.set(false);
    const user = requireRole(context, 'admin');
    if (user instanceof Response) return user;
    const bytes = await credentials().certificate(context.params.id);
    return new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'Content-Type': previewContentType, 'Cache-Control': 'private, no-store' } });
  });
