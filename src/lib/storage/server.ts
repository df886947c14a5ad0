import { jsonError } from '../http/index.ts';
import { config } from '../config/index.ts';
import { createStorage } from './factory.ts';
import { getUploadDeps, type UploadDeps } from './upload-deps.ts';

/** The server's original storage, chosen once from `astro:env` config. Server-only. */
export const storage = createStorage(config);

let handler: { deps: UploadDeps; handle: (request: Request) => Promise<Response> } | undefined;

/**
 * Answers `/api/uploadthing`: 404 unless the UploadThing driver is configured (local mode uploads
 * through the submissions API), 503 until the submission flow has called `setUploadDeps()`, and
 * otherwise UploadThing's own handler (presign, signed callbacks).
 */
export async function handleUploadThingRequest(request: Request): Promise<Response> {
  if (config.storage.driver !== 'uploadthing') {
    return jsonError(404, 'not-found', 'UploadThing is not configured on this server: originals are stored locally; upload with POST /api/submissions/:id/photos.');
  }
  const deps = getUploadDeps();
  if (!deps) return jsonError(503, 'uploads-not-ready', 'Uploads are not available yet on this server; try again in a minute.');
  // The SDK's route handler is loaded here, at the first upload, not at every start (factory.ts).
  if (handler?.deps !== deps) handler = { deps, handle: (await import('./uploadthing.ts')).createUploadHandler(deps, config.storage.token) };
  return handler.handle(request);
}
