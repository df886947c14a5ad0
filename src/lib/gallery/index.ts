/** Page models for the public gallery: what cards, listings and places show. */
export { caseCard, type CaseCard } from './case-card.ts';
export { inListingOrder, listingRank } from './listing-order.ts';
export { placesOf, treatmentCounts, type CountryEntry } from './places.ts';
export { casesPerPage, pageFromPath, pageOf, pagePath, type ListingPage } from './pagination.ts';
export { nearPlaces, type NearPlace } from './near-places.ts';
