import { createRouteHandler, createUploadthing, UploadThingError, type FileRouter } from 'uploadthing/server';
import type { RouteHandlerConfig } from 'uploadthing/types';
import type { UploadDecision, UploadDeps, UploadResultData } from './upload-deps.ts';
import { uploadInputSchema } from './upload-input.ts';

type RefusalReason = Extract<UploadDecision, { ok: false }>['reason'];

const f = createUploadthing({
  // The browser learns why it was refused (`unauthenticated`: send the user to /login), not only a
  // status: UploadThing v7 has no 401 code, so a missing session and a foreign draft are both 4xx.
  errorFormatter: (error) => ({ message: error.message, reason: (error.data as { reason?: RefusalReason } | undefined)?.reason ?? null }),
});

// UploadThing takes sizes in powers of two: 32 MB is the nearest above the 25 MiB limit, which the
// fetch for ingest enforces exactly. Only the four formats ingest accepts may be presigned, one
// file per request (the browser's declared type; ingest sniffs the real one).
const photoLimit = { maxFileSize: '32MB', maxFileCount: 1 } as const;

// UploadThing's error codes carry the HTTP status; it has none for 401, hence FORBIDDEN (403).
const refusalCodes = { unauthenticated: 'FORBIDDEN', forbidden: 'FORBIDDEN', 'not-found': 'NOT_FOUND' } as const satisfies Record<RefusalReason, string>;

/**
 * The file router of `/api/uploadthing`. One route, `photo`: the browser asks for a presigned URL
 * with the upload input (validated by the shared schema), `authorize` decides (same rule as local
 * uploads), the browser sends the file straight to UploadThing, and UploadThing's signed callback
 * reaches `onOriginalStored`, whose result the browser receives as server data.
 */
export function createUploadRouter(deps: UploadDeps) {
  return {
    photo: f({ 'image/jpeg': photoLimit, 'image/png': photoLimit, 'image/webp': photoLimit, 'image/avif': photoLimit })
      .input(uploadInputSchema)
      .middleware(async ({ req, input }) => {
        const decision = await deps.authorize(req, input);
        if (!decision.ok) throw new UploadThingError({ code: refusalCodes[decision.reason], message: decision.message, data: { message: decision.message, reason: decision.reason } });
        // Metadata travels to UploadThing and back inside the signed callback, so it is trusted there.
        return { ownerId: decision.ownerId, input };
      })
      .onUploadComplete(async ({ file, metadata }): Promise<UploadResultData> => {
        try {
          const result = await deps.onOriginalStored({ key: file.key, url: file.ufsUrl, size: file.size, name: file.name, input: metadata.input, ownerId: metadata.ownerId });
          return result ?? { key: file.key };
        } catch (error) {
          // UploadThing swallows errors thrown here; the browser must still learn why its photo failed.
          const { code, message, hint } = error as { code?: unknown; message?: unknown; hint?: unknown };
          if (typeof code !== 'string') console.error(`[uploadthing] recording original ${file.key} failed:`, error);
          return {
            error: {
              code: typeof code === 'string' ? code : 'upload-failed',
              message: typeof message === 'string' && typeof code === 'string' ? message : 'The photo was uploaded but could not be processed; try again.',
              ...(typeof hint === 'string' ? { hint } : {}),
            },
          };
        }
      }),
  } satisfies FileRouter;
}

/** The router's type, for `@uploadthing/react`'s `generateReactHelpers<UploadRouter>()`. */
export type UploadRouter = ReturnType<typeof createUploadRouter>;

/** Options of `createUploadHandler` beyond the token (tests pin them; the server uses defaults). */
export type UploadHandlerOptions = Pick<RouteHandlerConfig, 'isDev' | 'logLevel' | 'callbackUrl' | 'handleDaemonPromise' | 'fetch'>;

/**
 * The request handler of `/api/uploadthing` (GET: route config, POST: presign and callbacks).
 * `fetch` is looked up on every call, so an HTTP stub installed after start still applies.
 */
export function createUploadHandler(deps: UploadDeps, token: string, options: UploadHandlerOptions = {}): (request: Request) => Promise<Response> {
  return createRouteHandler({
    router: createUploadRouter(deps),
    config: { token, fetch: (input, init) => globalThis.fetch(input, init), logLevel: 'Error', ...options },
  });
}
