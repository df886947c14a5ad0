import type { APIRoute } from 'astro';
import { requireUser } from '../../../../../../lib/accounts/index.ts';
import { answer } from '../../../../../../lib/submissions/http.ts';
import { submissions } from '../../../../../../lib/submissions/server.ts';

/** The private preview of a draft's photo, for its owner or an admin; never cached, never sniffed. */
export const GET: APIRoute = (context) =>
  answer(async () => {
    context.cache.set(false);
    const user = requireUser(context);
    if (user instanceof Response) return user;
    const preview = await submissions().readPreview(user, context.params.id, context.params.photoId);
    return new Response(preview.body as Uint8Array<ArrayBuffer>, {
      headers: {
        'Content-Type': preview.contentType,
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
        'Content-Disposition': 'inline; filename="preview.webp"',
      },
    });
  });
