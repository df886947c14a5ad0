/**
 * The fuzz runner shared by tests/integration/fuzz.test.ts and `npm run fuzz`: finds every API
 * route that reads a body, sends each the hostile requests of `fuzzCases`, as the role that gets
 * past its guard, and records what came back.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { bodyLimits } from '../../src/lib/http/limits.ts';
import { fuzzCases, type FuzzCase } from '../factories/hostile-requests.ts';
import { streamBody } from './raw-http.ts';
import { repoRoot } from './server.ts';

/** An API route that reads a request body, and what it needs to get that far. */
export interface WriteEndpoint {
  /** The route file, e.g. `src/pages/api/submissions/[id]/photos.ts`. */
  file: string;
  /** URL path pattern, e.g. `/api/submissions/[id]/photos`. */
  pattern: string;
  method: string;
  /** Its body limit: uploads take photos, the rest JSON or forms. */
  maxBodyBytes: number;
}

const bodyReaders = /\b(readJson|readFields|readForm|readOptionalFields|uploadFrom|readBoundedBytes)\(/;

/**
 * Every API route whose source reads a body, with the methods it exports, and every page that
 * takes a form post through the same readers (a client's link): found in the files, so a new
 * route is fuzzed too. A page's URL parameters are left as `[name]` for the caller to fill.
 */
export function writeEndpoints(apiDir = path.join(repoRoot, 'src/pages/api')): WriteEndpoint[] {
  return [...apiEndpoints(apiDir), ...formPages(path.join(apiDir, '..'))];
}

/** Pages (`.astro`) outside the API that read a posted body and answer other methods 405 (the client's link page). */
function formPages(pagesDir: string): WriteEndpoint[] {
  const files = (readdirSync(pagesDir, { recursive: true }) as string[]).filter((f) => f.endsWith('.astro') && !f.startsWith('api')).sort();
  return files.flatMap((relative) => {
    const source = readFileSync(path.join(pagesDir, relative), 'utf8');
    if (!bodyReaders.test(source) || !source.includes("'method-not-allowed'")) return [];
    const pattern = `/${relative.replace(/\\/g, '/').replace(/\.astro$/, '').replace(/\/?index$/, '')}`;
    return [{ file: `src/pages/${relative}`, pattern, method: 'POST', maxBodyBytes: /uploadFrom\(/.test(source) ? bodyLimits.photo : bodyLimits.form }];
  });
}

function apiEndpoints(apiDir: string): WriteEndpoint[] {
  const files = (readdirSync(apiDir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).sort();
  return files.flatMap((relative) => {
    const source = readFileSync(path.join(apiDir, relative), 'utf8');
    if (!bodyReaders.test(source)) return [];
    const pattern = `/api/${relative.replace(/\\/g, '/').replace(/\.ts$/, '').replace(/\/index$/, '')}`;
    const methods = [...source.matchAll(/^\s{2}(POST|PUT|PATCH|DELETE):/gm)].map((m) => m[1]!);
    const maxBodyBytes = /uploadFrom\(/.test(source) ? bodyLimits.photo : bodyLimits.json;
    return methods.map((method) => ({ file: `src/pages/api/${relative}`, pattern, method, maxBodyBytes }));
  });
}

/** One answer of the run. */
export interface FuzzAnswer {
  endpoint: string;
  kind: string;
  status?: number;
  /** The parsed `{ error: { code, message } }`, or why the body was not that shape. */
  error?: { code: string; message: string };
  problem?: string;
}

/** Sends every case to every endpoint (params filled by `fill`, headers by `as`), sequentially. */
export async function runFuzz(
  baseUrl: string,
  endpoints: WriteEndpoint[],
  options: { fill: (pattern: string) => string; headersFor: (pattern: string) => Record<string, string>; seed: number; scale?: number; onAnswer?: (answer: FuzzAnswer) => void },
): Promise<FuzzAnswer[]> {
  const answers: FuzzAnswer[] = [];
  for (const [index, endpoint] of endpoints.entries()) {
    const url = baseUrl + options.fill(endpoint.pattern);
    for (const fuzz of fuzzCases(endpoint.method, endpoint.maxBodyBytes, options.seed + index, options.scale)) {
      const answer = await send(url, fuzz, options.headersFor(endpoint.pattern));
      const labelled = { endpoint: `${fuzz.method} ${endpoint.pattern}`, kind: fuzz.kind, ...answer };
      answers.push(labelled);
      options.onAnswer?.(labelled);
    }
  }
  return answers;
}

async function send(url: string, fuzz: FuzzCase, headers: Record<string, string>): Promise<Omit<FuzzAnswer, 'endpoint' | 'kind'>> {
  const allHeaders = { ...headers, ...fuzz.headers };
  const answer = await streamBody(url, { method: fuzz.method, headers: allHeaders, total: fuzz.stream ?? 0, ...(fuzz.body ? { body: fuzz.body } : {}) });
  const { status, body: text } = answer;
  if (status === undefined) return { problem: `no answer (${answer.error ?? 'connection closed'})` };
  try {
    const parsed = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    if (typeof parsed.error?.code === 'string' && typeof parsed.error.message === 'string') return { status, error: { code: parsed.error.code, message: parsed.error.message } };
  } catch {
    // falls through
  }
  return { status, problem: `not the JSON error shape: ${text.slice(0, 120)}` };
}
