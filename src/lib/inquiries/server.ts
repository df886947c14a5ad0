import { config } from '../config/index.ts';
import { content } from '../content/server.ts';
import { serverDatabase } from '../db/server.ts';
import { findPractitionerAccount } from '../db/users.ts';
import { mailer } from '../mail/server.ts';
import { createInquiryService, type InquiryService } from './service.ts';

let service: InquiryService | undefined;

/** The server's inquiry service over its database, published content and mailer. Server-only; built at first use. */
export function inquiries(): InquiryService {
  service ??= createInquiryService({
    db: serverDatabase(),
    practitionerName: async (slug) => (await content.practitioner(slug))?.name,
    caseOwner: async (caseId) => (await content.case(caseId))?.practitionerSlug,
    practitionerEmail: (slug) => findPractitionerAccount(serverDatabase(), slug)?.email,
    mailer,
    siteOrigin: config.site.origin,
  });
  return service;
}
