/**
 * Evidence: how Healed knows when a photo was taken and that it is unedited. The C2PA reader runs
 * on a worker thread; the rule that decides the level is pure (`decideEvidence`), and so are the
 * words pages use for it (`evidenceStatement`).
 */
export { evidenceLevels, verifiedLevels, type C2paAction, type C2paFindings, type CredentialState, type Evidence, type EvidenceLevel, type FileMetadata, type PhotoEvidence } from './types.ts';
export { decideEvidence, modifiedAfterCaptureMinutes, signedMoment, type EvidenceInput } from './rules.ts';
export { editorNamed, editActions, isCaptureSource, isGenerativeSource } from './edit-tools.ts';
export { readFileMetadata } from './metadata.ts';
export { createC2paReader, type C2paReader, type C2paReaderOptions } from './c2pa-reader.ts';
export { createEvidenceAssessor, type EvidenceAssessor, type EvidenceFacts } from './assess.ts';
export { evidenceStatement, evidenceLevelLabels, isVerifiedLevel, publicEvidence } from './words.ts';
