import { readBoundedBytes } from './body-stream.ts';
import { BodyError, unsupportedMediaType } from './errors.ts';
import { bodyLimits } from './limits.ts';
import { mediaType } from './media-type.ts';
import { readMultipart } from './multipart.ts';

/** A parsed JSON object or form body: field name → value. */
export type Fields = Record<string, unknown>;

/**
 * Reads a JSON body (415 unless `application/json`, 413 past `maxBytes`, 400 unless it parses).
 * Any JSON value is returned: the route's schema says which shape it wants.
 */
export async function readJson(request: Request, maxBytes: number = bodyLimits.json): Promise<unknown> {
  if (mediaType(request) !== 'application/json') throw unsupportedMediaType('application/json');
  const bytes = await readBoundedBytes(request, maxBytes);
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new BodyError(400, 'invalid-json', 'The body is not valid JSON: check quotes and commas, or build it with JSON.stringify.');
  }
}

/**
 * Reads an HTML form post: `application/x-www-form-urlencoded`, or `multipart/form-data` with
 * text fields only (a file part is refused). Repeated names keep their first value.
 */
export async function readForm(request: Request, maxBytes: number = bodyLimits.form): Promise<Record<string, string>> {
  const type = mediaType(request);
  if (type === 'multipart/form-data') {
    const { fields } = await readMultipart(request, { maxBytes, fieldNames: 'any' });
    return fields;
  }
  if (type !== 'application/x-www-form-urlencoded') throw unsupportedMediaType('application/x-www-form-urlencoded (an HTML form)');
  const text = (await readBoundedBytes(request, maxBytes)).toString('utf8');
  const fields: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(text)) if (!(name in fields)) fields[name] = value;
  return fields;
}

/**
 * Reads the fields of a route that takes JSON from API callers and forms from the no-JavaScript
 * pages: a JSON object (400 for any other JSON value) or a form, each under its own limit.
 */
export async function readFields(request: Request): Promise<Fields> {
  const type = mediaType(request);
  if (type === 'application/json') {
    const value = await readJson(request);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Fields;
    throw new BodyError(400, 'invalid-json', 'The body must be a JSON object: {"field": "value", …}.');
  }
  if (type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data') return readForm(request);
  throw unsupportedMediaType('application/json or an HTML form (application/x-www-form-urlencoded)');
}

/** `readFields`, except that a request without any body reads as no fields (optional bodies). */
export async function readOptionalFields(request: Request): Promise<Fields> {
  if (!request.headers.has('content-type') && (request.headers.get('content-length') ?? '0') === '0') return {};
  return readFields(request);
}
