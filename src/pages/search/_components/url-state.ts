/**
 * A `SearchQuery` as URL parameters, the inverse of `parseSearchParams` (src/lib/search/
 * query-params.ts). No zod here: the island imports this, and the server validates anyway.
 */
import type { SearchQuery } from '../../../lib/search/types.ts';

/** Defaults left out of URLs, so shared links stay short (must match query-params.ts). */
const defaults = { page: 1, perPage: 20 } as const;

/** Canonical parameters of a query: a fixed order, defaults and empty fields omitted. */
export function toSearchParams(query: SearchQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q?.trim()) params.set('q', query.q.trim());
  for (const name of ['treatment', 'country', 'city', 'norwood', 'ludwig', 'fitzpatrick', 'scarType', 'evidence', 'practitioner'] as const) {
    for (const value of query[name] ?? []) params.append(name, String(value));
  }
  if (query.healed) params.set('healed', 'true');
  if (query.clientConfirmed) params.set('clientConfirmed', 'true');
  if (query.near) {
    params.set('near', `${round(query.near.lat)},${round(query.near.lng)}`);
    if (query.near.radiusKm !== undefined) params.set('radiusKm', String(query.near.radiusKm));
  }
  if (query.sort) params.set('sort', query.sort);
  if (query.page && query.page !== defaults.page) params.set('page', String(query.page));
  if (query.perPage && query.perPage !== defaults.perPage) params.set('perPage', String(query.perPage));
  return params;
}

/** `/search?…` (or `/api/search?…`) for a query. */
export function searchHref(query: SearchQuery, base = '/search'): string {
  const text = toSearchParams(query).toString();
  return text ? `${base}?${text}` : base;
}

// Four decimals are ~11 m: precise enough for a radius search, and a browser's exact position
// does not end up in shared links and server logs.
function round(degrees: number): number {
  return Math.round(degrees * 1e4) / 1e4;
}

/**
 * The query a URL describes, read leniently (the island's back/forward): anything the server
 * would refuse is dropped here and then reported by the server's answer anyway.
 */
export function fromSearchParams(params: URLSearchParams): SearchQuery {
  const all = (name: string) => params.getAll(name).map((v) => v.trim()).filter(Boolean);
  const query: SearchQuery = {};
  const q = params.get('q')?.trim();
  if (q) query.q = q;
  if (all('treatment').length) query.treatment = all('treatment') as SearchQuery['treatment'];
  if (all('country').length) query.country = all('country').map((c) => c.toUpperCase());
  if (all('city').length) query.city = all('city');
  if (all('norwood').length) query.norwood = all('norwood').map(Number);
  if (all('ludwig').length) query.ludwig = all('ludwig') as SearchQuery['ludwig'];
  if (all('fitzpatrick').length) query.fitzpatrick = all('fitzpatrick') as SearchQuery['fitzpatrick'];
  if (all('scarType').length) query.scarType = all('scarType') as SearchQuery['scarType'];
  if (all('practitioner').length) query.practitioner = all('practitioner');
  const evidence = all('evidence').flatMap((v) => v.split(',').map((one) => one.trim()).filter(Boolean));
  if (evidence.length) query.evidence = evidence as SearchQuery['evidence'];
  if (params.get('healed') === 'true') query.healed = true;
  if (params.get('clientConfirmed') === 'true') query.clientConfirmed = true;
  const near = params.get('near')?.split(',').map(Number);
  if (near?.length === 2 && near.every(Number.isFinite)) {
    query.near = { lat: near[0]!, lng: near[1]! };
    const radius = Number(params.get('radiusKm'));
    if (params.get('radiusKm') && radius > 0) query.near.radiusKm = radius;
  }
  const sort = params.get('sort');
  if (sort) query.sort = sort as SearchQuery['sort'];
  const page = Number(params.get('page'));
  if (Number.isInteger(page) && page > 1) query.page = page;
  const perPage = Number(params.get('perPage'));
  if (Number.isInteger(perPage) && perPage > 0) query.perPage = perPage;
  return query;
}
