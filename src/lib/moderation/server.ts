import path from 'node:path';
import { config } from '../config/index.ts';
import { content } from '../content/server.ts';
import { serverDatabase } from '../db/server.ts';
import { publishSubmission } from '../publishing/server.ts';
import { createMasterStore } from '../storage/masters.ts';
import { storage } from '../storage/server.ts';
import { createCredentialService, type CredentialService } from './credentials.ts';
import { createReportService, type ReportService } from './reports.ts';
import { createModerationService, type ModerationService } from './service.ts';

let moderationService: ModerationService | undefined;
let reportService: ReportService | undefined;

/** The server's moderation service over its database; an approval publishes the case. Server-only; built at first use. */
export function moderation(): ModerationService {
  moderationService ??= createModerationService({ db: serverDatabase(), publish: publishSubmission });
  return moderationService;
}

/** The server's report service: reports checked against the published content. */
export function reports(): ReportService {
  reportService ??= createReportService({ db: serverDatabase(), isPublished: async (caseId) => (await content.case(caseId)) !== undefined });
  return reportService;
}

let credentialService: CredentialService | undefined;

/** The server's credential service: private certificates, verified ones written into portfolios/. */
export function credentials(): CredentialService {
  credentialService ??= createCredentialService({
    db: serverDatabase(),
    storage,
    masters: createMasterStore({ dir: path.join(config.dataDir, 'masters'), servedDirs: [config.portfoliosDir, path.resolve('public'), path.resolve('dist')] }),
    portfoliosDir: config.portfoliosDir,
    refreshPractitioner: (slug) => content.refreshPractitioner(slug),
  });
  return credentialService;
}
