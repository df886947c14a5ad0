/**
 * Request parameters of `GET /api/search` and `/search`, as one zod schema. The API and the
 * server-rendered page both parse with it, so they accept and refuse exactly the same URLs.
 * Pure: URLSearchParams in, a typed `SearchQuery` or an error naming the parameter out.
 */
import { z } from 'zod';
import { fitzpatrickTypes, folderNamePattern, ludwigStages, scarTypes, treatments } from '../content/vocabulary.ts';
import { evidenceLevels } from '../evidence/index.ts';
import type { SearchQuery } from './types.ts';

/** Sorts a caller may ask for; `distance` needs `near`. */
export const searchSorts = ['relevance', 'newest', 'healed-longest', 'distance'] as const;

/** Results per page when `perPage` is absent. */
export const defaultPerPage = 20;

/** Parameters that may be given several times (OR within the field). */
const repeatable = ['treatment', 'country', 'city', 'norwood', 'ludwig', 'fitzpatrick', 'scarType', 'evidence', 'practitioner'] as const;
/** Repeatable parameters that also take a comma-separated list (`evidence=signed-capture,camera-original`). */
const commaLists: readonly string[] = ['evidence'];
/** Parameters given at most once. */
const single = ['q', 'near', 'radiusKm', 'healed', 'clientConfirmed', 'sort', 'page', 'perPage'] as const;
/** Every parameter the search accepts; anything else is refused, so typos do not pass silently. */
export const searchParamNames: readonly string[] = [...single, ...repeatable];

// Keeps a caller's value short when it is echoed back in an error message.
const shown = (input: unknown) => JSON.stringify(String(input).slice(0, 40));
const decimal = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;

/** A whole number in [min, max], from its decimal text. */
const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/, { error: (issue) => `${shown(issue.input)} is not a whole number` })
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

/** One of a fixed list, with the list in the message. */
const oneOf = <const T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.enum(values, { error: (issue) => `${shown(issue.input)} is not ${what}; use one of ${values.join(', ')}` });

/** `lat,lng` in decimal degrees, e.g. `18.52,73.84`. */
const latLng = z
  .string()
  .transform((text, ctx) => {
    const parts = text.split(',').map((part) => part.trim());
    if (parts.length !== 2 || !parts.every((part) => decimal.test(part))) {
      ctx.addIssue({ code: 'custom', message: `${shown(text)} is not "lat,lng" in decimal degrees, e.g. 18.52,73.84` });
      return z.NEVER;
    }
    const [lat, lng] = parts.map(Number) as [number, number];
    if (Math.abs(lat) > 90 || Math.abs(lng) > 180) {
      ctx.addIssue({ code: 'custom', message: 'latitude must be within ±90 and longitude within ±180' });
      return z.NEVER;
    }
    return { lat, lng };
  });

/** The schema over the raw parameters (scalars as strings, repeatables as arrays). */
export const searchParamsSchema = z
  .object({
    /** Free text; typos are forgiven by the engine. Empty browses everything. */
    q: z.string().max(200, 'at most 200 characters').optional(),
    /** Treatments (OR). */
    treatment: z.array(oneOf(treatments, 'a treatment')).max(treatments.length * 2).optional(),
    /** ISO 3166-1 alpha-2 country codes, any case (OR). */
    country: z
      .array(z.string().toUpperCase().regex(/^[A-Z]{2}$/, { error: (issue) => `${shown(issue.input)} is not an ISO 3166-1 alpha-2 code such as IN or GB` }))
      .max(50, 'at most 50 countries')
      .optional(),
    /** City names as published (OR, case-insensitive in the engine). */
    city: z.array(z.string().max(80, 'at most 80 characters')).max(50, 'at most 50 cities').optional(),
    /** Centre for a radius filter and the distance sort. */
    near: latLng.optional(),
    /** Radius around `near`, in km; 20 000 km covers the whole Earth. */
    radiusKm: z
      .string()
      .regex(decimal, { error: (issue) => `${shown(issue.input)} is not a number of kilometres` })
      .transform(Number)
      .pipe(z.number().gt(0, 'must be more than 0').max(20_000, 'must be at most 20000'))
      .optional(),
    /** `true`: only cases with a verified healed or long-term photo. */
    healed: oneOf(['true', 'false'], 'a boolean').transform((value) => value === 'true').optional(),
    /** `true`: only cases their clients confirmed through their one-time link. */
    clientConfirmed: oneOf(['true', 'false'], 'a boolean').transform((value) => value === 'true').optional(),
    /** Norwood stages 1–7 (OR). */
    norwood: z.array(wholeNumber(1, 7)).max(14).optional(),
    /** Ludwig stages I–III (OR). */
    ludwig: z.array(z.string().toUpperCase().pipe(oneOf(ludwigStages, 'a Ludwig stage'))).max(6).optional(),
    /** Fitzpatrick skin types I–VI (OR). */
    fitzpatrick: z.array(z.string().toUpperCase().pipe(oneOf(fitzpatrickTypes, 'a Fitzpatrick type'))).max(12).optional(),
    /** Scar types SMP camouflages (OR): fue, fut, injury. */
    scarType: z.array(z.string().toLowerCase().pipe(oneOf(scarTypes, 'a scar type'))).max(6).optional(),
    /** Practitioners' portfolio names (OR): one practitioner's cases, e.g. for a comparison. */
    practitioner: z.array(z.string().regex(folderNamePattern, { error: (issue) => `${shown(issue.input)} is not a practitioner name such as ana-ribeiro` })).max(20).optional(),
    /** Evidence levels of the result photo (OR), e.g. signed-capture,camera-original. */
    evidence: z.array(oneOf(evidenceLevels, 'an evidence level')).max(8).optional(),
    /** Order of hits; default: relevance with text, newest without. */
    sort: oneOf(searchSorts, 'a sort').optional(),
    /** 1-based page; capped so deep paging cannot walk the whole index. */
    page: wholeNumber(1, 1000).default(1),
    /** Hits per page. */
    perPage: wholeNumber(1, 50).default(defaultPerPage),
  })
  .superRefine((params, ctx) => {
    if (params.radiusKm !== undefined && !params.near) {
      ctx.addIssue({ code: 'custom', path: ['radiusKm'], message: 'needs near=lat,lng (the centre of the radius)' });
    }
    if (params.sort === 'distance' && !params.near) {
      ctx.addIssue({ code: 'custom', path: ['sort'], message: 'distance needs near=lat,lng' });
    }
  });

/** A validated query: page and perPage always set. */
export type ParsedSearchQuery = SearchQuery & { page: number; perPage: number };

/** The 400 body: `{ error: { code, message, parameter } }`, the message starting with the parameter. */
export interface SearchParamError {
  code: 'invalid-parameter';
  /** The parameter at fault, e.g. `treatment`. */
  parameter: string;
  /** e.g. `treatment: "foo" is not a treatment; use one of …`. */
  message: string;
}

export type SearchParamsResult = { ok: true; query: ParsedSearchQuery } | { ok: false; error: SearchParamError };

const fail = (parameter: string, message: string): SearchParamsResult => ({
  ok: false,
  error: { code: 'invalid-parameter', parameter, message: `${parameter}: ${message}` },
});

/**
 * Parses search parameters. Values are trimmed and empty ones count as absent, because a plain
 * HTML form sends every field (`q=&sort=`). Unknown or repeated single parameters are refused.
 */
export function parseSearchParams(params: URLSearchParams): SearchParamsResult {
  const raw: Record<string, string | string[]> = {};
  for (const [name, rawValue] of params) {
    if (!searchParamNames.includes(name)) {
      return fail(name.slice(0, 40) || '(empty name)', `unknown parameter; use ${searchParamNames.join(', ')}`);
    }
    const value = rawValue.trim();
    if ((repeatable as readonly string[]).includes(name)) {
      const list = (raw[name] ??= []) as string[];
      const values = commaLists.includes(name) ? value.split(',').map((v) => v.trim()) : [value];
      for (const one of values) if (one !== '' && !list.includes(one)) list.push(one);
    } else if (name in raw) {
      return fail(name, 'give it at most once');
    } else if (value !== '') {
      raw[name] = value;
    }
  }
  const parsed = searchParamsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail(String(issue.path[0] ?? 'query'), issue.message);
  }
  const { near, radiusKm, ...rest } = parsed.data;
  const query: ParsedSearchQuery = { ...rest };
  // An empty list filters nothing; drop it so the query stays minimal.
  for (const name of repeatable) if ((query[name] as unknown[] | undefined)?.length === 0) delete query[name];
  if (near) query.near = radiusKm === undefined ? near : { ...near, radiusKm };
  return { ok: true, query };
}
