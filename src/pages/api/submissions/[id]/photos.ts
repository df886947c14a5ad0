import type { APIRoute } from 'astro';
import { requireRole } from '../../../../lib/accounts/index.ts';
import { answer, json } from '../../../../lib/submissions/http.ts';
import { submissions } from '../../../../lib/submissions/server.ts';

/**
 * Adds a photo to a draft: multipart `file`, `view`, `capturedAt?` (needed when the file has no
 * EXIF date), `claimedStage?` → 201 `{id, capturedAt, dateSource, width, height, stage}`.
 */
export const POST: APIRoute = (context) =>
  answer(async () => {
    const user = requireRole(context, 'practitioner');
    if (user instanceof Response) return user;
    return json(await submissions().addPhoto(user, context.params.id, context.request), 201);
  });
