/** Published content: schemas, the portfolios/ reader, the in-memory repository. */
export * from './vocabulary.ts';
export * from './schema.ts';
export type * from './types.ts';
export { formatProblem, type ContentProblem } from './problems.ts';
export { readPortfolios, readCase, yieldToEventLoop } from './read-portfolios.ts';
export { createContentRepository, type ContentRepository, type CaseFilter } from './repository.ts';
export { placeSlug, countryName } from './slug.ts';
