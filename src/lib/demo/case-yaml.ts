import type { CaseYaml, DemoCase, PhotoYaml } from './types.ts';

/**
 * The case.yaml object for a generated case, once its photo files exist and `hashesOf` can name
 * their sha256 and fingerprint. Keys are listed in the order a person would read them.
 */
export function toCaseYaml(demoCase: DemoCase, hashesOf: (file: string) => { sha256: string; fingerprint?: string }): CaseYaml {
  const { treatment, profile, sessions, touchUps, consent, notes, publishedAt, clientConfirmation } = demoCase.data;
  const photos = demoCase.photos.map(({ entry }): PhotoYaml => {
    const { file, view, capturedAt, evidence, lighting, alt, claimedStage, addedBy } = entry;
    const { sha256, fingerprint } = hashesOf(file);
    return {
      file, view, capturedAt, evidence: { ...evidence },
      ...(lighting ? { lighting } : {}),
      alt,
      sha256,
      ...(fingerprint ? { fingerprint } : {}),
      ...(claimedStage ? { claimedStage } : {}),
      ...(addedBy ? { addedBy } : {}),
    };
  });
  return {
    treatment, profile, sessions, ...(touchUps ? { touchUps } : {}), photos, consent, notes, publishedAt,
    ...(clientConfirmation ? { clientConfirmation } : {}),
  };
}
