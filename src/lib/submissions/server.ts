import path from 'node:path';
import { config } from '../config/index.ts';
import { content } from '../content/server.ts';
import { serverDatabase } from '../db/server.ts';
import { copyLibrary, syncPublishedCopies } from '../duplicates/server.ts';
import { evidenceAssessor } from '../evidence/server.ts';
import { createMasterStore } from '../storage/masters.ts';
import { storage } from '../storage/server.ts';
import { createSubmissionService, type SubmissionService } from './service.ts';

let service: SubmissionService | undefined;

/**
 * The server's submission service: its database, its original storage (local or UploadThing) and
 * the private masters under `<DATA_DIR>/masters`. Server-only (reads astro:env); built at first use.
 */
export function submissions(): SubmissionService {
  if (!service) {
    const masters = createMasterStore({
      dir: path.join(config.dataDir, 'masters'),
      // Everything the server or a static host may serve: masters of unpublished cases stay out of it.
      servedDirs: [config.portfoliosDir, path.resolve('public'), path.resolve('dist')],
    });
    service = createSubmissionService({
      db: serverDatabase(), storage, masters, evidence: evidenceAssessor,
      copies: { library: copyLibrary(), syncPublished: syncPublishedCopies },
      liveCase: (caseId) => content.case(caseId),
    });
  }
  return service;
}
