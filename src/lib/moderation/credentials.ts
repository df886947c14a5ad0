import { z } from 'zod';
import { recordAuditEvent } from '../db/audit.ts';
import { decideCredential, findCredential, insertCredential, listCredentialsByStatus, listCredentialsOfOwner, type CredentialRecord } from '../db/credentials.ts';
import { inTransaction } from '../db/database.ts';
import type { Database } from '../db/types.ts';
import { ingestPhoto, type IngestedPhoto } from '../images/ingest.ts';
import { isIngestError } from '../images/ingest-error.ts';
import type { MasterStore } from '../storage/masters.ts';
import type { UploadBody } from '../http/index.ts';
import { receiveOriginal } from '../storage/receive-original.ts';
import type { OriginalStorage } from '../storage/types.ts';
import { newId } from '../submissions/ids.ts';
import { ModerationError } from './errors.ts';
import { markCredentialVerified } from './practitioner-yaml.ts';
import { maxReasonLength } from './rules.ts';
import { parse, type Moderator, type PublishCache } from './service.ts';

/** The fields of `POST /api/credentials` beside the certificate `file` (as in practitioner.yaml). */
export const credentialInputSchema = z.object({
  /** What was earned, e.g. "SMP Master Certification". */
  title: z.string().trim().min(2).max(160),
  /** Who awarded it. */
  issuer: z.string().trim().min(2).max(160),
  /** Year awarded. */
  year: z.coerce.number().int().min(1990).max(new Date().getUTCFullYear()),
});

/** `POST /api/admin/credentials/:id/decision`. */
export const credentialDecisionSchema = z.object({
  /** Verify (the badge on public pages) or reject. */
  action: z.enum(['verify', 'reject']),
  /** Why it is rejected (required then). */
  reason: z.string().trim().max(maxReasonLength).optional().nullable(),
});

export interface CredentialServiceDeps {
  db: Database;
  storage: OriginalStorage;
  masters: MasterStore;
  portfoliosDir: string;
  /** Re-reads published content after practitioner.yaml changed. */
  /** Re-reads one practitioner's profile after practitioner.yaml changed (not all of portfolios/: that takes seconds at scale). */
  refreshPractitioner: (slug: string) => Promise<unknown>;
  ingest?: (load: () => Promise<Uint8Array>) => Promise<IngestedPhoto>;
  now?: () => Date;
}

/** The signed-in user adding a credential. */
interface Owner { id: number; role: 'admin' | 'practitioner'; practitionerSlug: string | null }

/** A credential as the API shows it (no storage key). */
export type CredentialView = Omit<CredentialRecord, 'originalKey' | 'ownerUserId'> & { certificateUrl: string };

/** Where admins read a certificate's private preview. */
export const certificateUrl = (id: string) => `/api/admin/credentials/${id}/certificate`;

const view = ({ originalKey: _key, ownerUserId: _owner, ...rest }: CredentialRecord): CredentialView => ({ ...rest, certificateUrl: certificateUrl(rest.id) });

/**
 * Credentials: practitioners add one with a certificate file (same ingest rules as case photos,
 * original kept private); admins verify or reject; a verified one is written into the
 * practitioner's profile, which is re-read and its pages purged.
 */
export function createCredentialService(deps: CredentialServiceDeps) {
  const { db, storage, masters } = deps;
  const now = deps.now ?? (() => new Date());
  const ingest = deps.ingest ?? ((load) => ingestPhoto(load));
  const removeOriginal = (key: string) => storage.deleteOriginal(key).catch((error) => console.error(`[credentials] could not delete original ${key}:`, error));

  /** `POST /api/credentials` (multipart: title, issuer, year, file) → the pending credential. */
  async function add(owner: Owner, upload: UploadBody): Promise<CredentialView> {
    if (owner.role !== 'practitioner' || !owner.practitionerSlug) throw new ModerationError(403, 'forbidden', 'Only practitioners add credentials.');
    const { key, fields: rawFields } = await receiveOriginal(upload, storage, { ownerId: String(owner.id), fieldNames: credentialFieldNames, what: 'the certificate (a photo or scan)' });
    try {
      const fields = parse(credentialInputSchema, rawFields);
      let photo: IngestedPhoto;
      try {
        photo = await ingest(() => storage.readOriginal(key));
      } catch (error) {
        if (!isIngestError(error)) throw error;
        throw new ModerationError(error.status, error.code, `${error.message} ${error.hint}`, { field: 'file' });
      }
      await masters.put({ sha256: photo.masterSha256, master: photo.master, preview: photo.preview });
      const at = now();
      return view(inTransaction(db, () => {
        const record = insertCredential(db, { id: newId(), ownerUserId: owner.id, practitionerSlug: owner.practitionerSlug!, ...fields, originalKey: key, masterSha256: photo.masterSha256 }, at);
        recordAuditEvent(db, { actorUserId: owner.id, action: 'credential.add', subject: `credential:${record.id}`, after: { status: 'pending', ...fields } }, at);
        return record;
      }));
    } catch (error) {
      await removeOriginal(key);
      throw error;
    }
  }

  /** The practitioner's own credentials, newest first. */
  function listOwn(owner: Owner): CredentialView[] {
    return listCredentialsOfOwner(db, owner.id).map(view);
  }

  /** Pending credentials, oldest first. */
  function pending(): CredentialView[] {
    return listCredentialsByStatus(db, 'pending').map(view);
  }

  /** An admin verifies (written into practitioner.yaml, pages purged) or rejects (reason required). */
  async function decide(admin: Moderator, id: unknown, body: unknown, options: { cache?: PublishCache } = {}): Promise<{ status: 'verified' | 'rejected' }> {
    if (admin.role !== 'admin') throw new ModerationError(403, 'forbidden', 'Only admins decide credentials.');
    const input = parse(credentialDecisionSchema, body);
    const credential = typeof id === 'string' ? findCredential(db, id) : undefined;
    if (!credential) throw new ModerationError(404, 'not-found', 'No credential has this id.');
    if (credential.status !== 'pending') throw new ModerationError(409, 'not-pending', `This credential is ${credential.status} already.`);
    if (input.action === 'reject' && !input.reason) throw new ModerationError(400, 'invalid-request', 'reason: a reason for rejecting is required.', { field: 'reason' });
    const to = input.action === 'verify' ? 'verified' : 'rejected';
    // The profile first: if writing it fails, the credential stays pending and can be retried.
    if (to === 'verified') {
      await markCredentialVerified(deps.portfoliosDir, credential.practitionerSlug, credential);
      await deps.refreshPractitioner(credential.practitionerSlug);
      await options.cache?.invalidate({ tags: [`practitioner:${credential.practitionerSlug}`] });
    }
    const at = now();
    inTransaction(db, () => {
      if (!decideCredential(db, credential.id, { to, decidedBy: admin.id, reason: input.reason ?? null }, at)) throw new ModerationError(409, 'not-pending', 'Another decision was recorded first.');
      recordAuditEvent(db, {
        actorUserId: admin.id, action: `credential.${input.action}`, subject: `credential:${credential.id}`,
        before: { status: 'pending' }, after: { status: to, ...(input.reason ? { reason: input.reason } : {}), practitioner: credential.practitionerSlug, title: credential.title },
      }, at);
    });
    return { status: to };
  }

  /** The certificate's private preview (WebP) for admins. */
  async function certificate(id: unknown): Promise<Uint8Array> {
    const credential = typeof id === 'string' ? findCredential(db, id) : undefined;
    const bytes = credential && (await masters.readPreview(credential.masterSha256));
    if (!bytes) throw new ModerationError(404, 'not-found', 'No certificate for this credential.');
    return bytes;
  }

  return { add, listOwn, pending, decide, certificate };
}

export type CredentialService = ReturnType<typeof createCredentialService>;

/** The text fields of the credential form beside its `file`. */
const credentialFieldNames = ['title', 'issuer', 'year'] as const;
