import type { CaseColumns, CodedField } from './columns.ts';
import { haversineKm, latitudeGapKm } from './geo.ts';
import type { ResolvedQuery } from './query.ts';

/** A compiled filter: a test per slot, and the distance of each tested slot when `near` is set. */
export interface SlotFilter {
  test(slot: number): boolean;
  /** Distance in km from `near`, filled for every slot `test` passed (when distances are needed). */
  distances?: Float64Array;
}

/**
 * Compiles the query's filters into one test over the columns: OR within a field (any listed
 * value), AND across fields. Values no document has simply match nothing.
 */
export function compileFilter(columns: CaseColumns, query: ResolvedQuery, needDistances: boolean): SlotFilter {
  const checks: ((slot: number) => boolean)[] = [];
  const coded = (field: CodedField, values: string[]) => {
    if (values.length === 0) return;
    const allowed = new Uint8Array(columns.dictionaries[field].values.length + 1);
    for (const value of values) {
      const code = columns.dictionaries[field].find(value);
      if (code !== undefined) allowed[code] = 1;
    }
    const column = columns.coded[field];
    checks.push((slot) => allowed[column[slot]!] === 1);
  };
  coded('treatment', query.treatment);
  coded('country', query.country);
  coded('city', query.city);
  coded('ludwig', query.ludwig);
  coded('fitzpatrick', query.fitzpatrick);
  coded('evidence', query.evidence);
  coded('scarType', query.scarType);
  coded('practitioner', query.practitioner);
  coded('norwood', query.norwood.map(String));
  if (query.healed) {
    const column = columns.healed;
    checks.push((slot) => column[slot] === 1);
  }
  if (query.clientConfirmed) {
    const column = columns.confirmed;
    checks.push((slot) => column[slot] === 1);
  }
  let distances: Float64Array | undefined;
  const near = query.near;
  if (near && (needDistances || near.radiusKm !== undefined)) {
    const found = new Float64Array(columns.slots);
    distances = found;
    const { lat, lng } = columns;
    const radius = near.radiusKm ?? Infinity;
    // Last, so the trigonometry runs only for slots every cheaper check let through.
    checks.push((slot) => {
      if (latitudeGapKm(near.lat, lat[slot]!) > radius) return false;
      const km = haversineKm(near.lat, near.lng, lat[slot]!, lng[slot]!);
      found[slot] = km;
      return km <= radius;
    });
  }
  const docs = columns.docs;
  return {
    test(slot) {
      if (docs[slot] === undefined) return false;
      for (const check of checks) if (!check(slot)) return false;
      return true;
    },
    distances,
  };
}
