import { requireUser } from '../../../../../../lib/accounts/index.ts';
import { apiRoute } from '../../../../../../lib/http/index.ts';
import { submissions } from '../../../../../../lib/submissions/server.ts';

/** The private preview of a submission's photo, for its owner (or an admin once submitted); never cached, never sniffed. */
export const { GET, ALL } = apiRoute({
  GET: async (context) => {
    context.cache.set(false);
    const preview = await submissions().readPreview(requireUser(context), context.params.id, context.params.photoId);
    return new Response(preview.body as Uint8Array<ArrayBuffer>, {
      headers: {
        'Content-Type': preview.contentType,
        'Cache-Control': 'private, no-store',
        'Content-Disposition': 'inline; filename="preview.webp"',
      },
    });
  },
});
