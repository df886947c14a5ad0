import path from 'node:path';
import { config } from '../config/index.ts';
import { content } from '../content/server.ts';
import { serverDatabase } from '../db/server.ts';
import { findPractitionerAccount } from '../db/users.ts';
import { variantUrl } from '../images/index.ts';
import { variantStore } from '../images/server.ts';
import { mailer } from '../mail/server.ts';
import { applyClientAnswers } from '../publishing/server.ts';
import { createMasterStore } from '../storage/masters.ts';
import { storage } from '../storage/server.ts';
import { submissions } from '../submissions/server.ts';
import { createClientAnswers, type ClientAnswers } from './answers.ts';
import { createDeclineReviews, type DeclineReviews } from './declines.ts';
import { createClientLinkService, type ClientLinkDeps, type ClientLinkService } from './service.ts';

/** Photos of a published case are shown at 800 px (phones at DPR 2); private previews are 480 px. */
const clientPhotoWidth = 800;

let linkDeps: ClientLinkDeps | undefined;
let links: ClientLinkService | undefined;
let answers: ClientAnswers | undefined;
let declines: DeclineReviews | undefined;

function deps(): ClientLinkDeps {
  linkDeps ??= {
    db: serverDatabase(),
    siteOrigin: config.site.origin,
    mailer,
    liveCase: (caseId) => content.case(caseId),
    practitionerName: async (slug) => (await content.practitioner(slug))?.name,
    practitionerEmail: (slug) => findPractitionerAccount(serverDatabase(), slug)?.email,
    images: {
      async variantUrl(sha256) {
        const variants = await variantStore.get(sha256);
        if (!variants) return undefined;
        const width = variants.widths.find((w) => w >= clientPhotoWidth) ?? variants.widths.at(-1)!;
        return variantUrl(variants, width, variants.formats.includes('webp') ? 'webp' : variants.formats[0]!);
      },
      preview: (sha256) => createMasterStore({ dir: path.join(config.dataDir, 'masters') }).readPreview(sha256),
    },
  };
  return linkDeps;
}

/** The server's client links (create, open). Server-only; built at first use. */
export function clientLinks(): ClientLinkService {
  links ??= createClientLinkService(deps());
  return links;
}

/** The server's client answers (the form on the client's page). */
export function clientAnswers(): ClientAnswers {
  answers ??= createClientAnswers({ ...deps(), links: clientLinks(), submissions: submissions(), storage, applyAnswers: applyClientAnswers });
  return answers;
}

/** The server's reviews of declined published cases (admins). */
export function declineReviews(): DeclineReviews {
  declines ??= createDeclineReviews({ db: serverDatabase(), applyAnswers: applyClientAnswers });
  return declines;
}
