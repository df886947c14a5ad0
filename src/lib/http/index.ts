/**
 * The HTTP layer every route goes through: bounded body readers (JSON, forms, multipart), the one
 * error type and its JSON mapping, method handling, and the Node server's connection limits.
 * Services take parsed input, never a `Request`.
 */
export { HttpError, BodyError, isHttpError, isBodyError, bodyTooLarge, unsupportedMediaType, bodyInterrupted, formatBytes } from './errors.ts';
export { bodyLimits } from './limits.ts';
export { mediaType, isFormPost } from './media-type.ts';
export { boundedChunks, readBoundedBytes, declaredLength } from './body-stream.ts';
export { readJson, readForm, readFields, readOptionalFields, type Fields } from './read-body.ts';
export { readMultipart, uploadFrom, type UploadBody, type MultipartOptions, type MultipartBody, type FilePartOptions, type FilePartMeta } from './multipart.ts';
export { json, jsonError, errorResponse, seeOther, sendBack, noStore } from './responses.ts';
export { apiRoute, type Handlers, type Method } from './route.ts';
