/**
 * Evidence: how Healed knows when a photo was taken and that it is unedited. This face is pure
 * (types, the rule that decides the level, the words pages use), safe in browser islands; reading
 * files (C2PA on a worker thread, EXIF/XMP) is in `./node.ts`, the server's assessor in `./server.ts`.
 */
export { evidenceLevels, verifiedLevels, type C2paAction, type C2paFindings, type CredentialState, type Evidence, type EvidenceLevel, type FileMetadata, type PhotoEvidence } from './types.ts';
export { decideEvidence, modifiedAfterCaptureMinutes, signedMoment, type EvidenceInput } from './rules.ts';
export { editorNamed, editActions, isCaptureSource, isGenerativeSource } from './edit-tools.ts';
export { evidenceStatement, evidenceLevelLabels, isVerifiedLevel, publicEvidence } from './words.ts';
