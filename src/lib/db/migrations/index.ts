import type { Migration } from '../types.ts';
import { accountsMigration } from './001-accounts.ts';
import { submissionsMigration } from './002-submissions.ts';
import { moderationMigration } from './003-moderation.ts';
import { publishingMigration } from './004-publishing.ts';
import { credentialsMigration } from './005-credentials.ts';
import { accountSafetyMigration } from './006-account-safety.ts';
import { evidenceMigration } from './007-evidence.ts';
import { cacheInvalidationsMigration } from './008-cache-invalidations.ts';
import { inquiriesMigration } from './009-inquiries.ts';
import { followUpsMigration } from './010-follow-ups.ts';

/**
 * Every migration, in order. To change the schema, add `NNN-name.ts` beside this file exporting a
 * `Migration` with the next id, and append it here; never edit one that has shipped.
 */
export const migrations: readonly Migration[] = [accountsMigration, submissionsMigration, moderationMigration, publishingMigration, credentialsMigration, accountSafetyMigration, evidenceMigration, cacheInvalidationsMigration, inquiriesMigration, followUpsMigration];
