import { directorySorts, type DirectoryQuery } from '../../../lib/compare/index.ts';
import { treatments, type Treatment } from '../../../lib/content/vocabulary.ts';

/**
 * The directory's URL: `treatment`, `place` (`<country>/<city>` as the place list offers it),
 * `sort` and `page`. Values outside the lists are refused by name (400), so a typo never shows a
 * silently unfiltered page. Pure.
 */
export function directoryParams(params: URLSearchParams, places: ReadonlyArray<{ city: string; country: string }>): { ok: true; query: DirectoryQuery; place: string } | { ok: false; message: string } {
  const get = (name: string) => params.get(name)?.trim() ?? '';
  const query: DirectoryQuery = {};
  const treatment = get('treatment');
  if (treatment) {
    if (!treatments.includes(treatment as Treatment)) return { ok: false, message: `treatment: "${treatment.slice(0, 40)}" is not a treatment; use one of ${treatments.join(', ')}.` };
    query.treatment = [treatment as Treatment];
  }
  const place = get('place');
  if (place) {
    const found = places.find((p) => `${p.country}/${p.city}` === place);
    if (!found) return { ok: false, message: 'place: not a place with practitioners; choose one from the list.' };
    query.country = [found.country];
    query.city = [found.city];
  }
  const sort = get('sort');
  if (sort) {
    if (!(directorySorts as readonly string[]).includes(sort)) return { ok: false, message: `sort: use ${directorySorts.join(' or ')}.` };
    query.sort = sort as DirectoryQuery['sort'];
  }
  const page = get('page');
  if (page) {
    if (!/^[1-9]\d{0,4}$/.test(page)) return { ok: false, message: 'page: a whole number from 1.' };
    query.page = Number(page);
  }
  return { ok: true, query, place };
}
