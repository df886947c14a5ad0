import { verifiedLevels, type Evidence, type EvidenceLevel, type PhotoEvidence } from './types.ts';

/** Short names of the levels, for filters, facets and stats. */
export const evidenceLevelLabels: Record<EvidenceLevel, string> = {
  'signed-capture': 'Signed at capture',
  'camera-original': 'Camera original',
  edited: 'Edited',
  declared: 'Date declared',
};

/** Whether a level's capture date counts as verified (only these earn healed badges). */
export function isVerifiedLevel(level: EvidenceLevel): boolean {
  return verifiedLevels.includes(level);
}

/**
 * What a public page says about one photo, in plain words: "Signed at capture by Pixel Camera,
 * 2025-03-14", "Date from the camera's own metadata", "Edited in Adobe Photoshop", "Date given by
 * the practitioner, not checked".
 */
export function evidenceStatement(evidence: Pick<Evidence, 'level' | 'signer' | 'tool' | 'ai'>, capturedDay: string): string {
  switch (evidence.level) {
    case 'signed-capture':
      return `Signed at capture by ${evidence.signer ?? 'a trusted camera'}, ${capturedDay}`;
    case 'camera-original':
      return "Date from the camera's own metadata";
    case 'edited':
      if (evidence.ai) return 'Made or changed with generative AI';
      return evidence.tool && !evidence.tool.startsWith('a ') ? `Edited in ${evidence.tool}` : `Edited after it was taken (${evidence.tool ?? 'signs of editing in the file'})`;
    case 'declared':
      return 'Date given by the practitioner, not checked';
  }
}

/** The API's view of stored evidence: `{ level, reasons, signer?, tool?, ai? }`. */
export function publicEvidence(evidence: PhotoEvidence): Evidence {
  const { level, reasons, signer, tool, ai } = evidence;
  return { level, reasons, ...(signer ? { signer } : {}), ...(tool ? { tool } : {}), ...(ai ? { ai } : {}) };
}
