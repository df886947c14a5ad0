import type { Practitioner, PublishedCase } from '../content/index.ts';
import { countryName, treatmentLabels } from '../content/index.ts';
import { isoDay } from '../trust/index.ts';

/** schema.org description of a practitioner: a local business with a person behind it. */
export function practitionerJsonLd(p: Practitioner, url: string) {
  return {
    '@context': 'https://schema.org',
    '@type': 'HealthAndBeautyBusiness',
    name: p.clinic ?? p.name,
    url,
    description: p.bio || undefined,
    founder: { '@type': 'Person', name: p.name },
    address: { '@type': 'PostalAddress', addressLocality: p.city, addressCountry: p.country },
    geo: { '@type': 'GeoCoordinates', latitude: p.geo.lat, longitude: p.geo.lng },
    sameAs: p.website ? [p.website] : undefined,
    hasCredential: p.credentials.filter((c) => c.verified).map((c) => ({
      '@type': 'EducationalOccupationalCredential', name: c.title, recognizedBy: { '@type': 'Organization', name: c.issuer },
    })),
  };
}

/** schema.org description of a case page: a dated photo gallery by the practitioner. */
export function caseJsonLd(kase: PublishedCase, p: Practitioner | undefined, url: string, images: string[]) {
  return {
    '@context': 'https://schema.org',
    '@type': 'ImageGallery',
    name: `${treatmentLabels[kase.treatment]} case by ${p?.name ?? kase.practitionerSlug}`,
    url,
    datePublished: isoDay(kase.publishedAt),
    author: p && { '@type': 'Person', name: p.name, address: { '@type': 'PostalAddress', addressLocality: p.city, addressCountry: countryName(p.country) } },
    image: images,
  };
}

/** JSON for a `<script type="application/ld+json">`, with `<` escaped so no text can close the tag. */
export function jsonLdText(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
