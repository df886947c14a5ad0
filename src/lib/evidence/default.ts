import { configFromProcess } from '../config/from-process.ts';
import { createEvidenceAssessor, type EvidenceAssessor } from './assess.ts';

let assessor: EvidenceAssessor | undefined;

/**
 * The assessor of scripts and tests that do not pass their own: trusts `C2PA_TRUST_ANCHORS` as the
 * environment sets it (the shipped C2PA trust list by default). Its worker thread never keeps a
 * process alive.
 */
export function defaultEvidenceAssessor(): EvidenceAssessor {
  return (assessor ??= createEvidenceAssessor({ trustAnchorsFile: configFromProcess().c2paTrustAnchors }));
}
