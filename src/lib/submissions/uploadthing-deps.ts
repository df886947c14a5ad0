/**
 * Registers the submission flow with the UploadThing route (production storage) as a side effect
 * of being imported: the server imports this module once at start (src/middleware.ts). Until then
 * `/api/uploadthing` answers 503. Server-only: it binds the server's database and cookie.
 */
import { readSession } from '../accounts/sessions.ts';
import { serverSessionCookie } from '../accounts/server.ts';
import { serverDatabase } from '../db/server.ts';
import { setUploadDeps } from '../storage/upload-deps.ts';
import { cookieValue, createUploadCallbacks } from './upload-callbacks.ts';
import { submissions } from './server.ts';

/** The user of the request's session cookie, if any (same session rules as every other request). */
function userOf(request: Request) {
  const token = cookieValue(request.headers.get('cookie'), serverSessionCookie.name);
  return token ? readSession(serverDatabase(), token) : undefined;
}

setUploadDeps(createUploadCallbacks(
  // Resolved per call: the service (and its database) opens at first use, not at import.
  { checkUpload: (...args) => submissions().checkUpload(...args), recordOriginal: (...args) => submissions().recordOriginal(...args) },
  userOf,
));
