import type { CaseYaml, DemoCase, PhotoYaml } from './types.ts';

/**
 * The case.yaml object for a generated case, once its photo files exist and `sha256Of` can name
 * their hashes. Keys are listed in the order a person would read them.
 */
export function toCaseYaml(demoCase: DemoCase, sha256Of: (file: string) => string): CaseYaml {
  const { treatment, profile, sessions, consent, notes, publishedAt } = demoCase.data;
  const photos = demoCase.photos.map(({ entry }): PhotoYaml => {
    const { file, view, capturedAt, dateSource, lighting, alt, claimedStage } = entry;
    return {
      file, view, capturedAt, dateSource,
      ...(lighting ? { lighting } : {}),
      alt,
      sha256: sha256Of(file),
      ...(claimedStage ? { claimedStage } : {}),
    };
  });
  return { treatment, profile, sessions, photos, consent, notes, publishedAt };
}
