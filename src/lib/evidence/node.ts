/** The effectful half of evidence: reading originals (Node only: worker threads, files). */
export { readFileMetadata } from './metadata.ts';
export { createC2paReader, mayCarryCredentials, type C2paReader, type C2paReaderOptions } from './c2pa-reader.ts';
export { createEvidenceAssessor, type EvidenceAssessor, type EvidenceFacts } from './assess.ts';
export { defaultEvidenceAssessor } from './default.ts';
