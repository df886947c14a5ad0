/** Demo content: fictional practitioners and cases with synthetic photos (`npm run demo`). */
export { generateDemo, resolveDemoOptions } from './generate.ts';
export { declaredShare, editedShare } from './evidence-shares.ts';
export { coreProfiles, corePractitioners } from './core-profiles.ts';
export { toCaseYaml } from './case-yaml.ts';
export { demoAnchorDay, formatDay, parseDay } from './days.ts';
export { writeDemo, type DemoSummary, type WriteDemoOptions } from './writer.ts';
export type * from './types.ts';
