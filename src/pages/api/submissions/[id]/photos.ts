import { requireRole } from '../../../../lib/accounts/index.ts';
import { apiRoute, bodyLimits, json, uploadFrom } from '../../../../lib/http/index.ts';
import { submissions } from '../../../../lib/submissions/server.ts';

/**
 * Adds a photo to a draft: multipart `file`, `view`, `capturedAt?` (needed when the file has no
 * EXIF date), `claimedStage?` → 201 `{id, capturedAt, dateSource, width, height, stage, evidence: {level, reasons, signer?, tool?, ai?}}`.
 */
export const { POST, ALL } = apiRoute({
  POST: async (context) => {
    const user = requireRole(context, 'practitioner');
    return json(await submissions().addPhoto(user, context.params.id, uploadFrom(context.request, bodyLimits.photo)), 201);
  },
});
