import { lockedUntil, retryAfterSeconds } from '../accounts/index.ts';
import type { PublishedCase } from '../content/types.ts';
import { recordAuditEvent } from '../db/audit.ts';
import { latestClientAnswer, type ClientAnswerRecord } from '../db/client-answers.ts';
import { findClientLinkByHash, insertClientLink, listLinkFailureTimes, recordLinkFailure, spendClientLink, unspendClientLink, type ClientLinkRecord, type LinkSubject } from '../db/client-links.ts';
import { inTransaction } from '../db/database.ts';
import { findPublishJournal } from '../db/publish-journal.ts';
import { findSubmission } from '../db/submissions.ts';
import type { Database } from '../db/types.ts';
import { HttpError } from '../http/index.ts';
import type { Mailer } from '../mail/index.ts';
import { isId } from '../submissions/index.ts';
import { newId } from '../submissions/ids.ts';
import { parseBody } from '../submissions/parse.ts';
import { addressDigest, isLinkToken, linkLifetimeMs, linkLookupLimit, linkState, linkTokenHash, newLinkToken } from './rules.ts';
import { linkRequestSchema } from './schema.ts';
import { resolveTarget, type LinkTarget } from './target.ts';
import { clientViewOf, type ClientCaseView, type PhotoImages } from './view.ts';

/** Who creates links: a signed-in practitioner (their own cases) or an admin (any published case). */
export interface LinkActor {
  id: number;
  role: 'admin' | 'practitioner';
  practitionerSlug: string | null;
}

/** The effects client links work through, passed in (tests give their own). */
export interface ClientLinkDeps {
  db: Database;
  /** Public origin: links are built from it, never from the request. */
  siteOrigin: string;
  mailer: Mailer;
  liveCase: (caseId: string) => Promise<PublishedCase | undefined>;
  practitionerName: (slug: string) => Promise<string | undefined>;
  practitionerEmail: (slug: string) => string | undefined;
  images: PhotoImages;
  now?: () => Date;
  log?: Pick<Console, 'error'>;
}

/** What a link lookup found: the page to show, or why there is none. */
export type OpenedLink =
  | { state: 'valid'; link: ClientLinkRecord; target: LinkTarget; view: ClientCaseView }
  | { state: 'invalid' }
  | { state: 'limited'; retryAfterSeconds: number };

/** The link a practitioner copies (or Healed emailed). */
export interface CreatedLink {
  url: string;
  expiresAt: string;
  /** Whether Healed emailed it (only with SMTP_URL set and an email given). */
  mailed: boolean;
}

const notFound = (what: string) => new HttpError(404, 'not-found', `No ${what} of yours has this id: client links are made for your own cases (see /account).`);

/**
 * Client links: one-time, 14-day links to one case's client (only the token's hash is stored; a
 * new link replaces the case's earlier one), opened without an account and rate-limited per
 * address. Answers are recorded by `./answers.ts`.
 */
export function createClientLinkService(deps: ClientLinkDeps) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const log = deps.log ?? console;

  /** `POST /api/cases/:caseId/client-link`: the case's practitioner, or an admin. */
  async function linkForCase(actor: LinkActor, caseId: unknown, body: unknown): Promise<CreatedLink> {
    const kase = typeof caseId === 'string' && caseId.length <= 200 ? await deps.liveCase(caseId) : undefined;
    if (!kase || !(actor.role === 'admin' || actor.practitionerSlug === kase.practitionerSlug)) throw notFound('published case');
    return create(actor, kase.practitionerSlug, { caseId: kase.id }, body);
  }

  /**
   * `POST /api/submissions/:id/client-link`: the submission's practitioner. A draft or pending
   * case gets a link to itself; a live one (or a follow-up) a link to the published case.
   */
  async function linkForSubmission(actor: LinkActor, submissionId: unknown, body: unknown): Promise<CreatedLink> {
    const submission = isId(submissionId) ? findSubmission(db, submissionId) : undefined;
    if (!submission || submission.ownerUserId !== actor.id) throw notFound('case');
    const liveId = submission.kind === 'follow-up' ? submission.caseId : submission.status === 'live' ? findPublishJournal(db, submission.id)?.caseId : undefined;
    if (liveId) return create(actor, submission.practitionerSlug, { caseId: liveId }, body);
    if (!['draft', 'pending', 'approved', 'publishing'].includes(submission.status)) {
      throw new HttpError(409, 'not-answerable', `This case is ${submission.status}: there is nothing for the client to confirm.`, { status: submission.status });
    }
    return create(actor, submission.practitionerSlug, { submissionId: submission.id }, body);
  }

  async function create(actor: LinkActor, practitionerSlug: string, subject: LinkSubject, body: unknown): Promise<CreatedLink> {
    const { email } = parseBody(linkRequestSchema, body ?? {});
    const token = newLinkToken();
    const at = now();
    const expiresMs = at.getTime() + linkLifetimeMs;
    const link = inTransaction(db, () => {
      const created = insertClientLink(db, { id: newId(), tokenHash: linkTokenHash(token), practitionerSlug, subject, createdBy: actor.id, expiresMs }, at);
      // Neither the token nor the client's email is kept anywhere.
      recordAuditEvent(db, { actorUserId: actor.id, action: 'client-link.create', subject: subject.caseId ? `case:${subject.caseId}` : `submission:${subject.submissionId}`, after: { linkId: created.id, expiresAt: new Date(expiresMs).toISOString(), emailed: email !== undefined } }, at);
      return created;
    });
    const url = `${deps.siteOrigin}/client/${token}`;
    const expiresAt = new Date(link.expiresMs).toISOString();
    return { url, expiresAt, mailed: email ? await mailLink(email, url, expiresAt, practitionerSlug) : false };
  }

  /** Emails the link when mail is configured; a failure is logged and the practitioner still has the link to copy. */
  async function mailLink(to: string, url: string, expiresAt: string, slug: string): Promise<boolean> {
    const name = (await deps.practitionerName(slug)) ?? 'Your SMP practitioner';
    const text = `Hello,\n\n${name} has published (or is about to publish) the photos of your scalp micropigmentation on Healed, and asks you to check them.\n\nOpen this link on your phone: ${url}\n\nYou will see the photos with their dates. You can confirm that they are yours and that the dates are right, or decline, and add a current photo of your own if you like. The link works once, until ${expiresAt.slice(0, 10)}.\n\nIf you do not know what this is about, ignore this email: nothing is published in your name.\n`;
    try {
      return (await deps.mailer.send({ to, subject: `${name} asks you to confirm your SMP photos`, text })).sent;
    } catch (error) {
      log.error(`[client-links] ${(error as Error).message} (the practitioner can copy the link instead)`);
      return false;
    }
  }

  /** 429 for an address with too many lookups of links that do not work. */
  function assertNotLimited(address: string, at: Date): void {
    const digest = addressDigest(address);
    const until = lockedUntil(listLinkFailureTimes(db, digest, at.getTime() - linkLookupLimit.windowMs), at.getTime(), linkLookupLimit);
    if (until !== undefined) {
      const seconds = retryAfterSeconds(until, at.getTime());
      throw new HttpError(429, 'too-many-attempts', `Too many links that do not work were opened from here: try again in ${Math.ceil(seconds / 60)} minutes.`, {}, { 'Retry-After': String(seconds) });
    }
  }

  /**
   * The link behind a token, if it still works and leads somewhere. Unknown, used, expired and
   * replaced tokens all answer alike (`invalid`) and count against the address's limit.
   */
  async function lookUp(token: unknown, address: string): Promise<{ link: ClientLinkRecord; target: LinkTarget } | undefined> {
    const at = now();
    assertNotLimited(address, at);
    const link = isLinkToken(token) ? findClientLinkByHash(db, linkTokenHash(token)) : undefined;
    const target = link && linkState(link, at.getTime()) === 'valid' ? await resolveTarget(db, deps.liveCase, link) : undefined;
    if (link && target) return { link, target };
    recordLinkFailure(db, addressDigest(address), at);
    return undefined;
  }

  /** `GET /client/:token`: the client's page, or why there is none. */
  async function open(token: unknown, address: string): Promise<OpenedLink> {
    try {
      const found = await lookUp(token, address);
      if (!found) return { state: 'invalid' };
      const view = await clientViewOf(db, found.target, deps.images, await deps.practitionerName(found.link.practitionerSlug), found.link.expiresMs);
      return { state: 'valid', ...found, view };
    } catch (error) {
      if (error instanceof HttpError && error.status === 429) return { state: 'limited', retryAfterSeconds: Number(error.headers['Retry-After']) };
      throw error;
    }
  }

  /** Spends a link (one answer per link); false when another answer spent it first. */
  function spend(link: ClientLinkRecord): boolean {
    return inTransaction(db, () => spendClientLink(db, link.id, now()));
  }

  /** Gives a link back after its answer could not be recorded (a refused photo): the client can try again. */
  function unspend(link: ClientLinkRecord): void {
    unspendClientLink(db, link.id);
  }

  /** The client's latest answer about a case or submission (for /account and the review page). */
  function latestAnswer(subject: { submissionId?: string | null; caseId?: string | null }): ClientAnswerRecord | undefined {
    return latestClientAnswer(db, subject);
  }

  return { linkForCase, linkForSubmission, open, lookUp, spend, unspend, latestAnswer };
}

export type ClientLinkService = ReturnType<typeof createClientLinkService>;
