import type { TagInvalidator } from '../cache/tags.ts';
import type { PurgeOutcome } from '../cache/invalidation-feed.ts';
import type { ContentRepository } from '../content/repository.ts';
import type { JournalStep } from '../db/publish-journal.ts';
import type { Database } from '../db/types.ts';
import type { VariantStore } from '../images/types.ts';
import type { MasterStore } from '../storage/masters.ts';
import type { OriginalStorage } from '../storage/types.ts';

/** What happens to a withdrawn case's private originals (and masters): deleted, or kept for the record. */
export type OriginalsRetention = 'delete' | 'keep';

/** The effects publishing and withdrawal work through, passed in (tests give temp folders). */
export interface PublishingDeps {
  db: Database;
  /** The published content folder, `portfolios/`. */
  portfoliosDir: string;
  /** The private masters store the case photos are copied from. */
  masters: Pick<MasterStore, 'readMaster' | 'remove'>;
  variants: Pick<VariantStore, 'ensure' | 'remove'>;
  content: ContentRepository;
  /** Updates (or removes) one case's search document from the content repository. */
  indexCase: (caseId: string) => Promise<'indexed' | 'removed'>;
  originals: Pick<OriginalStorage, 'deleteOriginal'>;
  originalsRetention: OriginalsRetention;
  /**
   * Drops tags from every instance's route cache and the shared HTTP cache (the server's
   * invalidation feed): recorded in the database first, so a failed purge is retried, never lost.
   */
  invalidateCache: (tags: string[]) => Promise<PurgeOutcome>;
  /** Default: the wall clock. */
  now?: () => Date;
  log?: Pick<Console, 'info' | 'warn' | 'error'>;
  /** Called right after a step is recorded (the crash test's fault hook); default: nothing. */
  afterStep?: (step: JournalStep, submissionId: string) => void;
}

/** Options of a publish or withdrawal started by a request. */
export interface ChangeOptions {
  /** Who acts (recorded in the journal and the audit log); null for the server itself. */
  actorUserId: number | null;
  /**
   * The request's route cache (`context.cache`). Not used: publishing invalidates through
   * `PublishingDeps.invalidateCache`, which also reaches the other instances and the shared cache,
   * and works after a restart. Accepted so existing callers keep compiling.
   */
  cache?: TagInvalidator;
}

/** What a finished publish reports. */
export interface PublishResult {
  submissionId: string;
  caseId: string;
  practitionerSlug: string;
  status: 'live';
}

/** Who asks to withdraw a case. */
export interface WithdrawActor {
  id: number;
  role: 'admin' | 'practitioner';
  practitionerSlug: string | null;
}
