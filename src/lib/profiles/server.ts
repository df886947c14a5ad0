import { cacheInvalidations } from '../cache/server.ts';
import { tagsForChange } from '../cache/index.ts';
import { config } from '../config/index.ts';
import { content } from '../content/server.ts';
import { serverDatabase } from '../db/server.ts';
import { indexPractitionerCases } from '../search/server.ts';
import { createProfileService, type ProfileService } from './service.ts';

let service: ProfileService | undefined;

/** The server's profile editing: live through the same path as publishing. Server-only; built at first use. */
export function profiles(): ProfileService {
  service ??= createProfileService({
    db: serverDatabase(),
    portfoliosDir: config.portfoliosDir,
    practitioner: (slug) => content.practitioner(slug),
    async publish(slug) {
      await content.refreshPractitioner(slug);
      // Their name, city and coordinates are in every search document of their cases.
      await indexPractitionerCases(slug);
      await cacheInvalidations().invalidate(tagsForChange({ practitionerSlug: slug }));
    },
  });
  return service;
}
