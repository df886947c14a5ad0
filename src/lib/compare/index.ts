/** Public face of comparisons: practitioners ranked by verified healed work on cases like the client's. */
export { rankPractitioners, widenProfile, canWiden, minimumMatches, type PractitionerMatch, type ProfileFilter } from './rank.ts';
export { createCompareService, comparisonSize, type CompareQuery, type ComparedPractitioner, type Comparison, type CompareService } from './service.ts';
export { parseCompareParams, compareParamNames } from './params.ts';
export { sideBySide, type SideBySide, type SidePhoto } from './side-by-side.ts';
export { createDirectory, directorySorts, practitionersPerPage, type DirectoryEntry, type DirectoryPage, type DirectoryQuery, type DirectorySort } from './directory.ts';
