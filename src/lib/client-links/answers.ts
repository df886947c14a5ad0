import { recordAuditEvent } from '../db/audit.ts';
import { insertClientAnswer } from '../db/client-answers.ts';
import { inTransaction } from '../db/database.ts';
import { findPractitionerAccount } from '../db/users.ts';
import { HttpError, type UploadBody } from '../http/index.ts';
import { receiveOptionalOriginal } from '../storage/receive-original.ts';
import type { OriginalStorage } from '../storage/types.ts';
import type { SubmissionService } from '../submissions/index.ts';
import { newId } from '../submissions/ids.ts';
import { parseBody } from '../submissions/parse.ts';
import { isoDay } from '../trust/index.ts';
import { clientAnswerSchema, type ClientAnswerInput } from './schema.ts';
import type { ClientLinkDeps, ClientLinkService } from './service.ts';
import type { LinkTarget } from './target.ts';

/** What the client's form sent: its fields (a plain form), or a multipart body with an optional photo. */
export type ClientBody = { form: Record<string, unknown> } | { upload: UploadBody };

/** The text fields of the answer form. */
const answerFields = ['decision', 'message', 'view'] as const;

export interface ClientAnswerDeps extends ClientLinkDeps {
  links: ClientLinkService;
  submissions: Pick<SubmissionService, 'recordOriginal' | 'submitClientPhoto' | 'refreshFlags' | 'removeOriginal'>;
  storage: OriginalStorage;
  /** Applies answers due to published cases (confirmation written, case hidden, withdrawal). */
  applyAnswers: () => Promise<void>;
}

/** Thrown for a link that does not work (the page then says so, like for GET). */
export class LinkNoLongerValid extends Error {
  override name = 'LinkNoLongerValid';
}

/**
 * The client's answer through their link: confirm, decline (with an optional message), or, for a
 * published case, withdraw; optionally with their own current photo, which goes through the same
 * ingest, evidence levels and checks as any (marked as the client's). The link is spent only if
 * the answer is recorded: a refused photo leaves it working.
 */
export function createClientAnswers(deps: ClientAnswerDeps) {
  const { db, links } = deps;
  const now = deps.now ?? (() => new Date());
  const log = deps.log ?? console;

  async function answer(token: unknown, body: ClientBody, address: string): Promise<{ decision: ClientAnswerInput['decision'] }> {
    const found = await links.lookUp(token, address);
    if (!found) throw new LinkNoLongerValid();
    const { link, target } = found;
    const owner = ownerOf(target, link.createdBy);
    const received = 'form' in body ? { fields: body.form } : await receiveOptionalOriginal(body.upload, deps.storage, { ownerId: String(owner), fieldNames: answerFields, what: 'your photo' });
    const key = 'key' in received ? received.key : undefined;
    let input: ClientAnswerInput;
    try {
      input = parseBody(clientAnswerSchema, received.fields);
      if (input.decision === 'withdraw' && target.kind !== 'case') throw new HttpError(400, 'invalid-request', 'decision: withdraw is for a published case; decline instead.', { field: 'decision' });
    } catch (error) {
      if (key) await deps.submissions.removeOriginal(key);
      throw error;
    }
    if (!links.spend(link)) {
      if (key) await deps.submissions.removeOriginal(key);
      throw new LinkNoLongerValid();
    }
    let photoId: string | null = null;
    let followUpId: string | null = null;
    if (key) {
      try {
        ({ photoId, followUpId } = await addPhoto(target, owner, key, input));
      } catch (error) {
        links.unspend(link);
        throw error;
      }
    }
    const at = now();
    const caseId = target.kind === 'case' ? target.kase.id : target.caseId;
    const submissionId = target.kind === 'case' ? target.submissionId : target.submission.id;
    const record = inTransaction(db, () => {
      // An answer about a case already published (or being published) changes it; about a draft or a pending case, it is kept for the moderator.
      const saved = insertClientAnswer(db, { id: newId(), linkId: link.id, practitionerSlug: link.practitionerSlug, submissionId, caseId, decision: input.decision, message: input.message ?? '', photoId }, at, caseId === null);
      recordAuditEvent(db, { actorUserId: null, action: `client.${input.decision}`, subject: caseId ? `case:${caseId}` : `submission:${submissionId}`, after: { answerId: saved.id, linkId: link.id, photoId, followUpId, message: saved.message !== '' } }, at);
      return saved;
    });
    if (submissionId && !caseId) deps.submissions.refreshFlags(submissionId);
    if (!record.appliedAt) await deps.applyAnswers().catch((error) => log.error('[client-links] applying the answer failed (retried at the next start):', error));
    void notify(link.practitionerSlug, input, caseId ?? 'your draft case');
    return { decision: input.decision };
  }

  /** The client's photo: into the draft or pending case, or a follow-up of the published one. */
  async function addPhoto(target: LinkTarget, owner: number, key: string, input: ClientAnswerInput): Promise<{ photoId: string; followUpId: string | null }> {
    const fields = { view: input.view ?? 'other' as const };
    const undatedDay = isoDay(now());
    if (target.kind === 'submission' && target.caseId === null && ['draft', 'pending'].includes(target.submission.status)) {
      const photo = await deps.submissions.recordOriginal({ ownerUserId: owner, submissionId: target.submission.id, key, fields, addedBy: 'client', statuses: ['draft', 'pending'], undatedDay });
      return { photoId: photo.id, followUpId: null };
    }
    const caseId = target.kind === 'case' ? target.kase.id : target.caseId;
    if (!caseId || target.kind !== 'case') {
      await deps.submissions.removeOriginal(key);
      throw new HttpError(409, 'not-now', 'Your case is being published right now: send your answer again in a minute.');
    }
    const sent = await deps.submissions.submitClientPhoto(owner, caseId, key, fields, undatedDay);
    return { photoId: sent.photo.id, followUpId: sent.submissionId };
  }

  /** The account a client's photo belongs to: the practitioner's (or, without one, whoever made the link). */
  function ownerOf(target: LinkTarget, createdBy: number | null): number {
    if (target.kind === 'submission') return target.submission.ownerUserId;
    const account = findPractitionerAccount(db, target.kase.practitionerSlug)?.id ?? createdBy;
    if (account === null) throw new HttpError(409, 'no-account', 'This case has no account to hold a photo: answer without one.');
    return account;
  }

  /** Tells the practitioner by email (when mail is configured and they have an account); never throws. */
  async function notify(slug: string, input: ClientAnswerInput, what: string): Promise<void> {
    const to = deps.practitionerEmail(slug);
    if (!to) return;
    const said = { confirm: 'confirmed', decline: 'declined', withdraw: 'withdrew their consent for' }[input.decision];
    const text = `Your client ${said} ${what} through their Healed link.${input.message ? `\n\nTheir message:\n${input.message}` : ''}\n\nSee it in ${deps.siteOrigin}/account\n`;
    try {
      await deps.mailer.send({ to, subject: `Your client ${said} ${what}`, text });
    } catch (error) {
      log.error(`[client-links] ${(error as Error).message} (the answer is kept in /account)`);
    }
  }

  return { answer };
}

export type ClientAnswers = ReturnType<typeof createClientAnswers>;
