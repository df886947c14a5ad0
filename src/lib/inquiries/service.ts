import { createHash } from 'node:crypto';
import { lockedUntil, retryAfterSeconds } from '../accounts/index.ts';
import { recordAuditEvent } from '../db/audit.ts';
import { inTransaction } from '../db/database.ts';
import { countInquiries, deleteHandledInquiries, insertInquiry, listInquiriesOf, listInquiryTimesOfAddress, markInquiryHandled, type InquiryRecord } from '../db/inquiries.ts';
import type { Database } from '../db/types.ts';
import { HttpError } from '../http/index.ts';
import type { Mailer } from '../mail/index.ts';
import { newId } from '../submissions/ids.ts';
import { handledRetentionMs, inquiryLimit, isHoneypotFilled } from './rules.ts';
import { inquiryInputSchema } from './schema.ts';

/** Who asks: a signed-in user of the app. */
interface Actor {
  id: number;
  role: 'admin' | 'practitioner';
  practitionerSlug: string | null;
}

export interface InquiryServiceDeps {
  db: Database;
  /** The published practitioner's display name, or undefined when there is none with this slug. */
  practitionerName: (slug: string) => Promise<string | undefined>;
  /** The practitioner a published case belongs to, or undefined when no case is published with this id. */
  caseOwner: (caseId: string) => Promise<string | undefined>;
  /** The email of the practitioner's account, when they have one. */
  practitionerEmail: (slug: string) => string | undefined;
  mailer: Mailer;
  /** Public origin, for the link in the email. */
  siteOrigin: string;
  now?: () => Date;
  log?: Pick<Console, 'error'>;
}

/** The answer to a sent inquiry; `mailed` says whether the practitioner was also emailed. */
export interface SentInquiry {
  id: string;
  status: 'received';
  practitionerName: string;
}

/**
 * Consultation requests: anyone sends one to a practitioner (spam-limited per address, with a
 * honeypot); only that practitioner reads them; admins see counts; handled ones are deleted
 * after 180 days. With mail configured the practitioner is emailed too (a failed email is
 * logged, the inquiry is kept).
 */
export function createInquiryService(deps: InquiryServiceDeps) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const log = deps.log ?? console;

  /** Forgets handled inquiries past their retention (housekeeping on every read and write, no timer). */
  function purge(at: Date): void {
    deleteHandledInquiries(db, at.getTime() - handledRetentionMs);
  }

  /** `POST /api/inquiries`: 201-worthy answer, or a 400/404/429 refusal naming the field. */
  async function send(body: unknown, clientAddress: string): Promise<SentInquiry> {
    const parsed = inquiryInputSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.join('.') || 'body';
      throw new HttpError(400, 'invalid-request', `${field}: ${issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys.join(', ')}` : issue.message}.`, { field });
    }
    const input = parsed.data;
    const name = await deps.practitionerName(input.practitioner);
    if (!name) throw new HttpError(404, 'not-found', 'practitioner: no practitioner publishes under this name on Healed.', { field: 'practitioner' });
    if (input.caseId !== undefined && (await deps.caseOwner(input.caseId)) !== input.practitioner) {
      throw new HttpError(404, 'not-found', `caseId: ${name} has no published case with this id.`, { field: 'caseId' });
    }
    // A robot filled the hidden field: it is told what a person would be, and nothing is kept.
    if (isHoneypotFilled(input.website)) return { id: newId(), status: 'received', practitionerName: name };

    const at = now();
    const addressDigest = createHash('sha256').update(`healed-inquiry:${clientAddress}`).digest('hex');
    const record = inTransaction(db, () => {
      const until = lockedUntil(listInquiryTimesOfAddress(db, addressDigest, at.getTime() - inquiryLimit.windowMs), at.getTime(), inquiryLimit);
      if (until !== undefined) {
        const seconds = retryAfterSeconds(until, at.getTime());
        throw new HttpError(429, 'too-many-inquiries', `You have sent ${inquiryLimit.maxFailures} requests in the last hour: try again in ${Math.ceil(seconds / 60)} minutes.`, {}, { 'Retry-After': String(seconds) });
      }
      purge(at);
      return insertInquiry(db, { id: newId(), practitionerSlug: input.practitioner, caseId: input.caseId ?? null, name: input.name, contact: input.contact, message: input.message, addressDigest }, at);
    });
    void notify(record, name);
    return { id: record.id, status: 'received', practitionerName: name };
  }

  /** Emails the practitioner when mail is configured and they have an account; never throws. */
  async function notify(inquiry: InquiryRecord, practitionerName: string): Promise<void> {
    const to = deps.practitionerEmail(inquiry.practitionerSlug);
    if (!to) return;
    const about = inquiry.caseId ? `\nAbout: ${deps.siteOrigin}/cases/${inquiry.caseId}/\n` : '\n';
    const text = `Hello ${practitionerName},\n\n${inquiry.name} asks for a consultation.\nReply to: ${inquiry.contact}${about}\n${inquiry.message}\n\nAll your requests: ${deps.siteOrigin}/account/inquiries\n`;
    try {
      await deps.mailer.send({ to, subject: `Consultation request from ${inquiry.name}`, text, ...(inquiry.contact.includes('@') ? { replyTo: inquiry.contact } : {}) });
    } catch (error) {
      log.error(`[inquiries] ${(error as Error).message} (inquiry ${inquiry.id} is kept in /account/inquiries)`);
    }
  }

  /** The signed-in practitioner's inquiries, newest first. */
  function listOwn(actor: Actor): InquiryRecord[] {
    const slug = ownSlug(actor);
    purge(now());
    return listInquiriesOf(db, slug);
  }

  /** Marks one of the practitioner's inquiries handled (audited, without its contents); 404 for anyone else's. */
  function markHandled(actor: Actor, id: unknown): { status: 'handled' } {
    const slug = ownSlug(actor);
    const at = now();
    inTransaction(db, () => {
      if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{16,64}$/.test(id) || !markInquiryHandled(db, slug, id, at)) {
        throw new HttpError(404, 'not-found', 'You have no open inquiry with this id: it may be handled already.');
      }
      recordAuditEvent(db, { actorUserId: actor.id, action: 'inquiry.handled', subject: `inquiry:${id}`, before: null, after: { practitionerSlug: slug } }, at);
    });
    return { status: 'handled' };
  }

  /** Counts per practitioner for admins: how many open and handled, never what they say. */
  function counts(actor: Actor): ReturnType<typeof countInquiries> {
    if (actor.role !== 'admin') throw new HttpError(403, 'forbidden', 'Only admins see inquiry counts.');
    return countInquiries(db);
  }

  return { send, listOwn, markHandled, counts };
}

export type InquiryService = ReturnType<typeof createInquiryService>;

function ownSlug(actor: Actor): string {
  if (actor.role !== 'practitioner' || !actor.practitionerSlug) throw new HttpError(403, 'forbidden', 'Inquiries are read by the practitioner they were sent to.');
  return actor.practitionerSlug;
}
