import { config } from '../config/index.ts';
import { createEvidenceAssessor } from './assess.ts';

/** The server's evidence assessor: one C2PA reader thread trusting `C2PA_TRUST_ANCHORS`. Server-only (reads astro:env). */
export const evidenceAssessor = createEvidenceAssessor({ trustAnchorsFile: config.c2paTrustAnchors });
