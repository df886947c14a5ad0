import { apiRoute, bodyLimits, readBoundedBytes } from '../../lib/http/index.ts';
import { handleUploadThingRequest } from '../../lib/storage/server.ts';

/**
 * UploadThing's endpoint (production storage): GET answers the route config, POST the presign
 * requests of the browser and the signed callbacks of UploadThing (small JSON: the file itself
 * goes straight to UploadThing). The SDK reads the body itself, so it is handed a copy read here
 * under the JSON limit. 404 JSON in local mode.
 */
export const { GET, POST, ALL } = apiRoute({
  GET: ({ request }) => handleUploadThingRequest(request),
  POST: async ({ request }) => {
    const body = new Uint8Array(await readBoundedBytes(request, bodyLimits.json));
    return handleUploadThingRequest(new Request(request.url, { method: 'POST', headers: request.headers, body }));
  },
});
