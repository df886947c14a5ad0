/**
 * The evidence port: how Healed knows when a photo was taken and that it is unedited. Levels are
 * part of the public API (upload answers, case.yaml, search); see ARCHITECTURE.md.
 */

/** Evidence levels, strongest first. */
export const evidenceLevels = ['signed-capture', 'camera-original', 'edited', 'declared'] as const;
export type EvidenceLevel = (typeof evidenceLevels)[number];

/** Levels whose capture date counts as verified (the only ones that earn healed badges). */
export const verifiedLevels: readonly EvidenceLevel[] = ['signed-capture', 'camera-original'];

/**
 * What the API answers about a photo: `evidence: { level, reasons, signer?, tool?, ai? }`. A type
 * alias rather than an interface, so it counts as plain JSON data (UploadThing's result type).
 */
export type Evidence = {
  level: EvidenceLevel;
  /** Plain-language findings, most decisive first. */
  reasons: string[];
  /** Who signed the Content Credentials (certificate common name), when there were any. */
  signer?: string;
  /** The editing software or action that made the photo `edited`. */
  tool?: string;
  /** True when the Content Credentials say generative AI made or changed the picture. */
  ai?: boolean;
};

/**
 * What became of the photo's Content Credentials: `invalid` means the signature cannot be relied on
 * (tampered or broken); pixels changed under a sound signature make the photo `edited` instead.
 */
export type CredentialState = 'none' | 'trusted' | 'untrusted' | 'invalid' | 'unreadable';

/** Evidence as stored: the API's fields plus what the checks and the date need. */
export type PhotoEvidence = Evidence & {
  credentials: CredentialState;
  /** The signed capture moment (ISO 8601), for `signed-capture`. */
  signedAt?: string;
  /** The capture day on the signer's clock, `YYYY-MM-DD`, for `signed-capture`. */
  signedDay?: string;
};

/** One action recorded in a C2PA manifest. */
export interface C2paAction {
  action: string;
  /** When the action happened, as the manifest says (ISO 8601, maybe with an offset). */
  when?: string;
  /** IPTC digital source type URI, e.g. `…/digitalCapture` or `…/trainedAlgorithmicMedia`. */
  digitalSourceType?: string;
  /** Name of the software that did it. */
  softwareAgent?: string;
}

/** What the C2PA reader found, as plain data (the rule in `rules.ts` decides what it means). */
export type C2paFindings =
  | { state: 'absent' }
  | { state: 'remote' }
  | { state: 'unreadable'; error: string }
  | {
    state: 'read';
    /** `Invalid`, `Valid` or `Trusted` (every credential trusted, CAWG ones included). */
    validationState: string;
    /** Failure codes of the active manifest, e.g. `assertion.dataHash.mismatch`. */
    failures: string[];
    /** Whether the photo's own signing certificate chains to a trust anchor. */
    signerTrusted: boolean;
    /** Signing certificate common name and issuer. */
    signer?: string;
    issuer?: string;
    /** Trusted timestamp of the signature (ISO 8601), when a time-stamping authority countersigned. */
    timestamp?: string;
    /** The claim generator (the software that wrote the manifest), first product only. */
    generator?: string;
    actions: C2paAction[];
  };

/** Editing signs in the file's EXIF and XMP. */
export interface FileMetadata {
  /** EXIF Software, ProcessingSoftware, XMP CreatorTool: whatever names a program. */
  software: string[];
  /** EXIF ModifyDate and DateTimeOriginal as written (`YYYY:MM:DD HH:MM:SS`). */
  modifyDate?: string;
  dateTimeOriginal?: string;
}
