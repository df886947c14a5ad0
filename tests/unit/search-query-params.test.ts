import { describe, expect, it } from 'vitest';
import { parseSearchParams, searchParamNames } from '../../src/lib/search/query-params.ts';
import { facetCounts, facetOptions, facetQueries } from '../../src/pages/search/_components/facets.ts';
import { fromSearchParams, toSearchParams } from '../../src/pages/search/_components/url-state.ts';

const parse = (text: string) => parseSearchParams(new URLSearchParams(text));

/** The parsed query, failing the test with the error message when the parameters are refused. */
function ok(text: string) {
  const result = parse(text);
  if (!result.ok) throw new Error(`expected ${text} to parse, got ${result.error.message}`);
  return result.query;
}

/** The error, failing the test when the parameters were accepted. */
function refused(text: string) {
  const result = parse(text);
  if (result.ok) throw new Error(`expected ${text} to be refused, got ${JSON.stringify(result.query)}`);
  return result.error;
}

describe('parseSearchParams: accepted', () => {
  it('browses with defaults when nothing is given', () => {
    expect(ok('')).toEqual({ page: 1, perPage: 20 });
  });

  it('treats empty values as absent, as a plain HTML form sends every field', () => {
    expect(ok('q=&sort=&near=&radiusKm=&healed=&page=&perPage=&city=&treatment=')).toEqual({ page: 1, perPage: 20 });
    expect(ok('q=%20%20')).toEqual({ page: 1, perPage: 20 });
  });

  it('reads every field into a typed query', () => {
    expect(
      ok(
        'q=+alopcia+pune+&treatment=alopecia-areata&treatment=scar-correction&country=in&country=GB&city=Pune&near=18.52,%2073.84' +
          '&radiusKm=25.5&healed=true&norwood=3&norwood=7&ludwig=ii&fitzpatrick=III&fitzpatrick=vi&sort=distance&page=3&perPage=50',
      ),
    ).toEqual({
      q: 'alopcia pune',
      treatment: ['alopecia-areata', 'scar-correction'],
      country: ['IN', 'GB'],
      city: ['Pune'],
      near: { lat: 18.52, lng: 73.84, radiusKm: 25.5 },
      healed: true,
      norwood: [3, 7],
      ludwig: ['II'],
      fitzpatrick: ['III', 'VI'],
      sort: 'distance',
      page: 3,
      perPage: 50,
    });
  });

  it('takes clientConfirmed as a boolean', () => {
    expect(ok('clientConfirmed=true')).toMatchObject({ clientConfirmed: true });
    expect(ok('clientConfirmed=false')).toMatchObject({ clientConfirmed: false });
  });

  it('takes near without a radius (distance only), negative coordinates and healed=false', () => {
    expect(ok('near=-33.87,151.21&sort=distance&healed=false')).toMatchObject({ near: { lat: -33.87, lng: 151.21 }, healed: false, sort: 'distance' });
    expect(ok('near=-33.87,151.21').near).not.toHaveProperty('radiusKm');
  });

  it('takes evidence levels repeated or as one comma-separated list', () => {
    expect(ok('evidence=signed-capture,camera-original').evidence).toEqual(['signed-capture', 'camera-original']);
    expect(ok('evidence=signed-capture&evidence=camera-original,signed-capture').evidence).toEqual(['signed-capture', 'camera-original']);
  });

  it('drops repeated identical values', () => {
    expect(ok('treatment=scar-correction&treatment=scar-correction').treatment).toEqual(['scar-correction']);
  });

  it.each([
    ['q', 'x'.repeat(200)],
    ['city', 'c'.repeat(80)],
    ['radiusKm', '20000', 'near=0,0&'],
    ['radiusKm', '0.5', 'near=0,0&'],
    ['page', '1000'],
    ['perPage', '1'],
    ['norwood', '1'],
    ['near', '90,-180'],
  ])('accepts the edge value %s=%s', (name, value, prefix = '') => {
    ok(`${prefix}${name}=${encodeURIComponent(value)}`);
  });
});

describe('parseSearchParams: refused, naming the parameter', () => {
  it.each([
    ['q', 'q=' + 'x'.repeat(201)],
    ['treatment', 'treatment=baldness'],
    ['treatment', 'treatment=Scar-Correction'],
    ['country', 'country=IND'],
    ['country', 'country=1N'],
    ['city', 'city=' + 'c'.repeat(81)],
    ['near', 'near=18.52'],
    ['near', 'near=north,east'],
    ['near', 'near=91,0'],
    ['near', 'near=0,181'],
    ['near', 'near=1,2,3'],
    ['radiusKm', 'near=0,0&radiusKm=0'],
    ['radiusKm', 'near=0,0&radiusKm=-5'],
    ['radiusKm', 'near=0,0&radiusKm=20001'],
    ['radiusKm', 'near=0,0&radiusKm=far'],
    ['radiusKm', 'radiusKm=10'],
    ['healed', 'healed=yes'],
    ['norwood', 'norwood=0'],
    ['norwood', 'norwood=8'],
    ['norwood', 'norwood=2.5'],
    ['ludwig', 'ludwig=IV'],
    ['fitzpatrick', 'fitzpatrick=VII'],
    ['fitzpatrick', 'fitzpatrick=3'],
    ['evidence', 'evidence=verified'],
    ['evidence', 'evidence=camera-original,exif'],
    ['sort', 'sort=oldest'],
    ['sort', 'sort=distance'],
    ['page', 'page=0'],
    ['page', 'page=1001'],
    ['page', 'page=1.5'],
    ['page', 'page=two'],
    ['page', 'page=1e3'],
    ['perPage', 'perPage=0'],
    ['perPage', 'perPage=51'],
    ['q', 'q=a&q=b'],
    ['sort', 'sort=newest&sort=newest'],
  ])('%s: %s', (parameter, text) => {
    const error = refused(text);
    expect(error.code).toBe('invalid-parameter');
    expect(error.parameter).toBe(parameter);
    expect(error.message.startsWith(`${parameter}: `), error.message).toBe(true);
  });

  it('refuses unknown parameters, listing the known ones', () => {
    const error = refused('q=pune&colour=blue');
    expect(error.parameter).toBe('colour');
    expect(error.message).toMatch(/^colour: unknown parameter/);
    for (const name of searchParamNames) expect(error.message).toContain(name);
  });

  it('says what is wrong and what to use', () => {
    expect(refused('treatment=baldness').message).toBe(
      'treatment: "baldness" is not a treatment; use one of male-pattern-baldness, female-hair-loss, post-transplant-density, scar-correction, alopecia-areata',
    );
    expect(refused('radiusKm=10').message).toBe('radiusKm: needs near=lat,lng (the centre of the radius)');
    expect(refused('sort=distance').message).toBe('sort: distance needs near=lat,lng');
  });

  it('keeps echoed values short', () => {
    expect(refused(`treatment=${'z'.repeat(500)}`).message.length).toBeLessThan(250);
  });
});

describe('toSearchParams / fromSearchParams (the island URL state)', () => {
  it.each([
    '',
    'q=alopcia+pune',
    'q=pune&treatment=alopecia-areata&treatment=scar-correction&country=IN&city=Pune&fitzpatrick=III&healed=true&sort=newest&page=2',
    'near=18.52%2C73.84&radiusKm=50&sort=distance',
    'norwood=3&ludwig=II&perPage=10',
    'fitzpatrick=IV&evidence=signed-capture&evidence=camera-original',
  ])('round-trips %j through the schema', (text) => {
    const query = ok(text);
    expect(toSearchParams(query).toString()).toBe(text);
    expect(ok(toSearchParams(fromSearchParams(new URLSearchParams(text))).toString())).toEqual(query);
  });

  it('leaves defaults and empty fields out, rounds positions to ~11 m', () => {
    expect(toSearchParams({ q: '  ', page: 1, perPage: 20, treatment: [] }).toString()).toBe('');
    expect(toSearchParams({ near: { lat: 18.520_123_4, lng: 73.849_999_9 } }).get('near')).toBe('18.5201,73.85');
  });
});

describe('facet checkbox counts (disjunctive: OR within a field)', () => {
  it('asks, per ticked field, for the same query without that field, one hit, no sort', () => {
    const query = ok('q=pune&treatment=scar-correction&country=IN&healed=true&sort=newest&page=3');
    expect(facetQueries(query)).toEqual([
      { field: 'treatment', query: { q: 'pune', country: ['IN'], healed: true, page: 1, perPage: 1 } },
      { field: 'country', query: { q: 'pune', treatment: ['scar-correction'], healed: true, page: 1, perPage: 1 } },
    ]);
    expect(facetQueries(ok('q=pune'))).toEqual([]);
  });

  it('takes each ticked field from its own query and the rest from the main result', () => {
    const main = { treatment: { 'scar-correction': 2 }, evidence: { 'camera-original': 2 }, country: { IN: 2 }, city: { Pune: 2 }, norwood: {}, ludwig: {}, fitzpatrick: { III: 2 }, scarType: { fut: 2 } };
    expect(facetCounts(main, { treatment: { 'scar-correction': 2, 'alopecia-areata': 5 } })).toEqual({ ...main, treatment: { 'scar-correction': 2, 'alopecia-areata': 5 } });
  });

  it('lists known values in order, else by count, and always keeps ticked ones', () => {
    expect(facetOptions({ b: 1, a: 3, c: 1 })).toEqual([
      { value: 'a', count: 3 },
      { value: 'b', count: 1 },
      { value: 'c', count: 1 },
    ]);
    expect(facetOptions({ II: 4 }, ['VI'], ['I', 'II'])).toEqual([
      { value: 'I', count: 0 },
      { value: 'II', count: 4 },
      { value: 'VI', count: 0 },
    ]);
  });
});
