import type { APIRoute } from 'astro';
import { handleUploadThingRequest } from '../../lib/storage/server.ts';

/**
 * UploadThing's endpoint (production storage): GET answers the route config, POST the presign
 * requests of the browser and the signed callbacks of UploadThing. 404 JSON in local mode.
 */
export const GET: APIRoute = ({ request }) => handleUploadThingRequest(request);
export const POST: APIRoute = ({ request }) => handleUploadThingRequest(request);
