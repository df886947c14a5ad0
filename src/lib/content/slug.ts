/** URL segment for a place name: "São Paulo" → "sao-paulo". */
export function placeSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** English name of an ISO 3166-1 alpha-2 country code. */
export function countryName(code: string): string {
  return regionNames.of(code.toUpperCase()) ?? code;
}
