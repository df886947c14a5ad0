/**
 * The /search island. The server renders it with the results for the URL, as a plain GET form, so
 * it works without JavaScript; once hydrated it searches as you type (debounced, stale requests
 * aborted) and keeps its state in the URL: `replaceState` while typing, `pushState` on committed
 * changes, `popstate` restores, so back, forward and shared links work.
 */
import { useEffect, useRef, useState, type MouseEvent, type SubmitEvent } from 'react';
import { fitzpatrickTypes, ludwigStages, scarTypes, treatments } from '../../../lib/content/vocabulary.ts';
import { profileLine } from '../../../lib/content/profile-line.ts';

/** Norwood stages as the checkboxes name them. */
const norwoodStages = ['1', '2', '3', '4', '5', '6', '7'] as const;
import { evidenceLevelLabels, evidenceLevels } from '../../../lib/evidence/index.ts';
import type { SearchQuery, SearchSort } from '../../../lib/search/types.ts';
import type { ApiResult } from './api-shape.ts';
import FacetFieldset from './FacetFieldset.tsx';
import { checkboxFacets, facetCounts, facetQueries, type CheckboxFacet, type FacetCounts } from './facets.ts';
import { casesText, fitzpatrickLabel, treatmentLabel, type Place } from './labels.ts';
import NearFieldset from './NearFieldset.tsx';
import Pagination from './Pagination.tsx';
import ResultCard from './ResultCard.tsx';
import { fetchSearch } from './fetch-search.ts';
import { fromSearchParams, searchHref } from './url-state.ts';
import './search.css';

export interface SearchAppProps {
  /** The query the URL describes. */
  query: SearchQuery;
  /** Its result, or `null` when the query was refused or search is down (see `error`). */
  result: ApiResult | null;
  /** Checkbox counts (facets.ts). */
  counts: FacetCounts;
  /** Why there is no result. */
  error: string | null;
  /** Cities with practitioners, for "near". */
  places: Place[];
}

/** Typing waits this long for the next key before searching: fast typists send one request. */
const typingDelayMs = 200;
/** Radius given to "near" when the visitor has not chosen one. */
const defaultRadiusKm = 50;

type HistoryMode = 'push' | 'replace' | 'none';

export default function SearchApp(props: SearchAppProps) {
  const [query, setQuery] = useState(props.query);
  const [result, setResult] = useState(props.result);
  const [counts, setCounts] = useState(props.counts);
  const [error, setError] = useState(props.error);
  const [busy, setBusy] = useState(false);
  const [canLocate, setCanLocate] = useState(false);
  // Filters fold away on phones (results first); the server renders them folded, CSS unfolds
  // them on wide screens, and the island opens them there for browsers without ::details-content.
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [locateMessage, setLocateMessage] = useState<string | null>(null);
  const pending = useRef<AbortController | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const countryNames = Object.fromEntries(props.places.map((place) => [place.country, place.countryName]));

  /** Fetches results and checkbox counts for a query; a newer call aborts this one. */
  async function load(next: SearchQuery) {
    pending.current?.abort();
    const controller = new AbortController();
    pending.current = controller;
    setBusy(true);
    try {
      const answer = await fetchSearch(next, facetQueries(next), controller.signal);
      if (!answer.ok) {
        setError(answer.message);
        setResult(null);
        return;
      }
      setError(null);
      setResult(answer.result);
      setCounts(facetCounts(answer.result.facets, answer.extra));
    } catch {
      if (!controller.signal.aborted) setError('Search could not be reached. Check your connection and try again.');
    } finally {
      if (pending.current === controller) {
        pending.current = null;
        setBusy(false);
      }
    }
  }

  /** Shows a new query: URL first (history as asked), then results after `delay` ms. */
  function update(next: SearchQuery, mode: HistoryMode, delay = 0) {
    setQuery(next);
    const href = searchHref(next);
    if (mode !== 'none' && href !== location.pathname + location.search) {
      history[mode === 'push' ? 'pushState' : 'replaceState'](null, '', href);
    }
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void load(next), delay);
  }

  // Back/forward: the URL is the state. `update` is re-created each render; the listener reads
  // only the URL, so registering once is enough.
  const onPopState = useRef(() => {});
  onPopState.current = () => update(fromSearchParams(new URLSearchParams(location.search)), 'none');
  useEffect(() => {
    setCanLocate('geolocation' in navigator);
    if (matchMedia('(min-width: 52rem)').matches) setFiltersOpen(true);
    const listener = () => onPopState.current();
    addEventListener('popstate', listener);
    return () => {
      removeEventListener('popstate', listener);
      clearTimeout(timer.current);
      pending.current?.abort();
    };
  }, []);

  /** A filter change: back to page 1, and a history entry of its own. */
  const commit = (change: Partial<SearchQuery>) => update({ ...query, ...change, page: undefined }, 'push');

  const toggle = (field: CheckboxFacet, value: string, checked: boolean) => {
    const current = ((query[field] ?? []) as Array<string | number>).map(String);
    const values = checked ? [...current, value] : current.filter((v) => v !== value);
    // Norwood stages are numbers in the query; every other facet value is text.
    commit({ [field]: values.length ? (field === 'norwood' ? values.map(Number) : values) : undefined });
  };

  const setNear = (near: SearchQuery['near']) => {
    if (!near) return commit({ near: undefined, sort: query.sort === 'distance' ? undefined : query.sort });
    // Choosing a place means "closest first" unless the visitor already picked an order.
    commit({ near: { ...near, radiusKm: near.radiusKm ?? (query.near ? undefined : defaultRadiusKm) }, sort: query.sort ?? 'distance' });
  };

  const locate = () => {
    setLocateMessage('Finding your location…');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocateMessage(null);
        setNear({ lat: position.coords.latitude, lng: position.coords.longitude, radiusKm: query.near?.radiusKm ?? defaultRadiusKm });
      },
      (failure) => setLocateMessage(`Your location is not available (${failure.message || 'permission denied'}). Pick a city instead.`),
      { maximumAge: 600_000, timeout: 10_000 },
    );
  };

  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    update({ ...query, page: undefined }, 'push');
  };

  const onPage = (page: number, event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    update({ ...query, page }, 'push');
    document.getElementById('results-h')?.scrollIntoView({ block: 'start' });
  };

  const activeFilters = checkboxFacets.reduce((n, field) => n + (query[field]?.length ?? 0), 0) + (query.healed ? 1 : 0) + (query.clientConfirmed ? 1 : 0) + (query.near ? 1 : 0);
  const sortValue = query.sort === 'relevance' ? '' : (query.sort ?? '');
  const pages = result ? Math.min(Math.ceil(result.total / result.perPage), 1000) : 0;
  const status = !result
    ? ''
    : result.total === 0
      ? 'No cases match'
      : `${casesText(result.total)}${pages > 1 ? `, page ${result.page} of ${pages}` : ''}`;

  return (
    <form className="search" method="get" action="/search" role="search" aria-label="Cases" onSubmit={onSubmit}>
      <div className="search-bar">
        {/* The page heading says what the box is for; the label names it for screen readers. */}
        <label htmlFor="search-q" className="visually-hidden">
          Search healed results
        </label>
        <div className="search-row">
          <input
            id="search-q"
            type="search"
            name="q"
            value={query.q ?? ''}
            maxLength={200}
            autoComplete="off"
            placeholder="Treatment, city, practitioner…"
            onChange={(event) => update({ ...query, q: event.currentTarget.value, page: undefined }, 'replace', typingDelayMs)}
          />
          <button type="submit">Search</button>
        </div>
      </div>
      <div className="search-layout">
        <details className="filters-panel" open={filtersOpen} onToggle={(event) => setFiltersOpen(event.currentTarget.open)}>
          <summary>Filters{activeFilters > 0 && ` (${activeFilters} on)`}</summary>
          <div className="search-filters">
          <FacetFieldset name="treatment" legend="Treatment" counts={counts.treatment} ticked={query.treatment ?? []} known={treatments} label={(v) => treatmentLabel(v as never)} onToggle={(v, c) => toggle('treatment', v, c)} />
          <fieldset className="facet">
            <legend>Results</legend>
            <label className="check">
              <input type="checkbox" name="healed" value="true" checked={query.healed === true} onChange={(event) => commit({ healed: event.currentTarget.checked || undefined })} />
              <span>Verified healed only</span>
            </label>
            <label className="check">
              <input type="checkbox" name="clientConfirmed" value="true" checked={query.clientConfirmed === true} onChange={(event) => commit({ clientConfirmed: event.currentTarget.checked || undefined })} />
              <span>Confirmed by the client</span>
            </label>
          </fieldset>
          <FacetFieldset name="evidence" legend="Evidence of the result photo" counts={counts.evidence} ticked={query.evidence ?? []} known={evidenceLevels} label={(v) => evidenceLevelLabels[v as keyof typeof evidenceLevelLabels] ?? v} onToggle={(v, c) => toggle('evidence', v, c)} />
          <NearFieldset near={query.near} places={props.places} canLocate={canLocate} locateMessage={locateMessage} onNear={setNear} onLocate={locate} />
          <FacetFieldset name="country" legend="Country" counts={counts.country} ticked={query.country ?? []} label={(v) => countryNames[v] ?? v} onToggle={(v, c) => toggle('country', v, c)} />
          <FacetFieldset name="city" legend="City" counts={counts.city} ticked={query.city ?? []} visible={8} label={(v) => v} onToggle={(v, c) => toggle('city', v, c)} />
          <FacetFieldset name="norwood" legend="Hair loss in men (Norwood)" counts={counts.norwood} ticked={(query.norwood ?? []).map(String)} known={norwoodStages} label={(v) => `Norwood ${v}`} onToggle={(v, c) => toggle('norwood', v, c)} />
          <FacetFieldset name="ludwig" legend="Hair loss in women (Ludwig)" counts={counts.ludwig} ticked={query.ludwig ?? []} known={ludwigStages} label={(v) => `Ludwig ${v}`} onToggle={(v, c) => toggle('ludwig', v, c)} />
          <FacetFieldset name="fitzpatrick" legend="Skin type (Fitzpatrick)" counts={counts.fitzpatrick} ticked={query.fitzpatrick ?? []} known={fitzpatrickTypes} label={fitzpatrickLabel} onToggle={(v, c) => toggle('fitzpatrick', v, c)} />
          <FacetFieldset name="scarType" legend="Scar" counts={counts.scarType} ticked={query.scarType ?? []} known={scarTypes} label={(v) => profileLine({ scarType: v })} onToggle={(v, c) => toggle('scarType', v, c)} />
          {/* Filters without controls of their own still travel with the form. */}
          {query.practitioner?.map((v) => <input key={`p${v}`} type="hidden" name="practitioner" value={v} />)}
          {query.perPage !== undefined && query.perPage !== 20 && <input type="hidden" name="perPage" value={query.perPage} />}
          {/* Without JavaScript, ticks apply on submit; the island applies them at once, and the
              button stays (it applies them again, harmlessly) so hydration moves nothing below it. */}
          <button type="submit" className="apply">
            Apply filters
          </button>
          </div>
        </details>
        <section className="search-results" aria-labelledby="results-h">
          <div className="results-head">
            <h2 id="results-h">Results</h2>
            <p className="results-count" role="status" aria-live="polite" aria-atomic="true">
              {status}
            </p>
            <span className="sort">
              <label htmlFor="search-sort">Sort</label>
              <select id="search-sort" name="sort" value={sortValue} onChange={(event) => commit({ sort: (event.currentTarget.value || undefined) as SearchSort | undefined })}>
                <option value="">{query.q?.trim() ? 'Best match' : 'Newest first'}</option>
                {(query.q?.trim() || query.sort === 'newest') && <option value="newest">Newest first</option>}
                <option value="healed-longest">Longest healed</option>
                <option value="distance" disabled={!query.near}>
                  Nearest first
                </option>
              </select>
            </span>
          </div>
          {error && (
            <p className="search-error" role="alert">
              {error}
            </p>
          )}
          {result && result.hits.length > 0 && (
            <ul className="results" aria-busy={busy}>
              {result.hits.map((hit, i) => (
                <ResultCard key={hit.id} hit={hit} countryNames={countryNames} eager={i < 2} />
              ))}
            </ul>
          )}
          {result && result.total === 0 && <p>No cases match. Try fewer filters or other words; typos are forgiven.</p>}
          {result && <Pagination query={query} total={result.total} page={result.page} perPage={result.perPage} onPage={onPage} />}
        </section>
      </div>
    </form>
  );
}
