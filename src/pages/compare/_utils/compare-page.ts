/**
 * Server side of /compare: the comparison a URL asks for, its rows' photos and the side-by-side
 * view of the picked practitioners. The filters are validated by the API's own parser; `pick`
 * (up to three practitioners) is the page's own state.
 */
import { parseCompareParams, sideBySide, type ComparedPractitioner, type Comparison } from '../../../lib/compare/index.ts';
import { comparisons } from '../../../lib/compare/server.ts';
import { folderNamePattern } from '../../../lib/content/vocabulary.ts';
import type { PublishedPhoto } from '../../../lib/content/index.ts';
import { content } from '../../../lib/content/server.ts';
import { nearPlaces, type NearPlace } from '../../../lib/gallery/index.ts';
import { SearchUnavailableError } from '../../../lib/search/types.ts';
import { summarizeCase, type PhotoWithBadge } from '../../../lib/trust/index.ts';

/** Practitioners one side-by-side view shows at most. */
export const maxPicks = 3;

type Photo = PhotoWithBadge<PublishedPhoto>;

/** One row of the page: the API's row plus the best matching case's photo pair. */
export interface CompareRow extends ComparedPractitioner {
  before?: Photo;
  after?: Photo;
}

/** Everything /compare renders. */
export interface ComparePage {
  status: number;
  /** The filters as given (for the form to show them again), without `pick`. */
  params: URLSearchParams;
  /** Whether the visitor asked anything yet (an empty form shows no results). */
  asked: boolean;
  error?: string;
  result?: Comparison & { practitioners: CompareRow[] };
  picks: string[];
  side?: { common?: { view: string; stage: string }; columns: Array<{ row: CompareRow; photo?: Photo }> };
  places: NearPlace[];
}

/** The page's data for a /compare URL. */
export async function comparePageData(url: URL): Promise<ComparePage> {
  const picks = [...new Set(url.searchParams.getAll('pick'))].filter((slug) => folderNamePattern.test(slug)).slice(0, maxPicks);
  const params = new URLSearchParams([...url.searchParams].filter(([name, value]) => name !== 'pick' && value.trim() !== ''));
  // The form's "within" means nothing without a place: dropped rather than refused.
  if (!params.has('near')) params.delete('radiusKm');
  const places = nearPlaces(await content.practitioners());
  const asked = [...params.keys()].length > 0;
  if (!asked) return { status: 200, params, asked, picks, places };
  const parsed = parseCompareParams(params);
  if (!parsed.ok) return { status: 400, params, asked, picks, places, error: parsed.error.message };
  const { page: _page, perPage: _perPage, ...filters } = parsed.query;
  let comparison: Comparison;
  try {
    comparison = await comparisons.compare(filters);
  } catch (error) {
    if (!(error instanceof SearchUnavailableError)) throw error;
    return { status: 503, params, asked, picks, places, error: 'Comparisons need search, which is unavailable right now; the galleries still work.' };
  }
  const summaries = new Map<string, ReturnType<typeof summarizeCase<PublishedPhoto>>>();
  const practitioners = await Promise.all(
    comparison.practitioners.map(async (row): Promise<CompareRow> => {
      const kase = row.bestCase.id ? await content.case(row.bestCase.id) : undefined;
      if (!kase) return row;
      const summary = summarizeCase(kase);
      summaries.set(row.slug, summary);
      return { ...row, ...(summary.before && { before: summary.before }), ...(summary.after && { after: summary.after }) };
    }),
  );
  const picked = picks.map((slug) => practitioners.find((row) => row.slug === slug)).filter((row): row is CompareRow => row !== undefined);
  const side = picked.length
    ? (() => {
        const chosen = sideBySide(picked.map((row) => ({ timeline: summaries.get(row.slug)?.timeline ?? [], ...(row.after && { fallback: row.after }) })));
        return { ...(chosen.common && { common: chosen.common }), columns: picked.map((row, i) => ({ row, ...(chosen.photos[i] && { photo: chosen.photos[i] }) })) };
      })()
    : undefined;
  return { status: 200, params, asked, picks, places, result: { ...comparison, practitioners }, ...(side && { side }) };
}
