import { afterEach, describe, expect, it } from 'vitest';
import { createClientLinkService, isLinkToken, linkLookupLimit, linkState, linkTokenHash, newLinkToken } from '../../src/lib/client-links/index.ts';
import type { PublishedCase } from '../../src/lib/content/types.ts';
import { insertSubmission } from '../../src/lib/db/submissions.ts';
import { findUserByEmail } from '../../src/lib/db/users.ts';
import { createNoMailer } from '../../src/lib/mail/index.ts';
import { closeAccountDatabases, databaseWithAna } from '../factories/accounts.ts';
import { submissionBody } from '../factories/submissions.ts';

afterEach(closeAccountDatabases);

describe('client link rules', () => {
  it('makes 256-bit tokens of a fixed shape and stores only their SHA-256', () => {
    const token = newLinkToken();
    expect(isLinkToken(token)).toBe(true);
    expect(token).not.toBe(newLinkToken());
    expect(linkTokenHash(token)).toMatch(/^[0-9a-f]{64}$/);
    for (const bad of ['', 'short', `${token}x`, token.replace(/.$/, '/'), 42, null]) expect(isLinkToken(bad)).toBe(false);
  });

  it('says why a link does not work: unknown, used, replaced, expired', () => {
    const link = { expiresMs: 2000, usedMs: null, revokedMs: null };
    expect(linkState(link, 1999)).toBe('valid');
    expect(linkState(link, 2000)).toBe('expired');
    expect(linkState({ ...link, usedMs: 10 }, 0)).toBe('used');
    expect(linkState({ ...link, revokedMs: 10 }, 0)).toBe('revoked');
    expect(linkState(undefined, 0)).toBe('unknown');
  });
});

describe('client links', () => {
  /** Ana's draft in a fresh database, and the service over it (no published case, no mail). */
  async function setup(now: () => Date = () => new Date('2026-06-01T12:00:00Z')) {
    const db = await databaseWithAna();
    const ana = findUserByEmail(db, 'ana@example.com')!;
    const actor = { id: ana.id, role: 'practitioner' as const, practitionerSlug: 'ana-ribeiro' };
    const draft = insertSubmission(db, { id: 'AnasDraftSubmission001', ownerUserId: ana.id, practitionerSlug: 'ana-ribeiro', ...(submissionBody() as unknown as Omit<Parameters<typeof insertSubmission>[1], 'id' | 'ownerUserId' | 'practitionerSlug'>) });
    const service = createClientLinkService({
      db, siteOrigin: 'https://healed.example', mailer: createNoMailer(), now,
      liveCase: async (): Promise<PublishedCase | undefined> => undefined,
      practitionerName: async () => 'Ana Ribeiro', practitionerEmail: () => undefined,
      images: { variantUrl: async () => undefined, preview: async () => undefined },
    });
    return { db, actor, draft, service };
  }
  const tokenOf = (url: string) => url.split('/client/')[1]!;

  it('builds the URL from the site origin, never the request, and a new link replaces the earlier one', async () => {
    const { actor, draft, service } = await setup();
    const first = await service.linkForSubmission(actor, draft.id, {});
    expect(first.url).toMatch(/^https:\/\/healed\.example\/client\/[A-Za-z0-9_-]{43}$/);
    expect(first).toMatchObject({ expiresAt: '2026-06-15T12:00:00.000Z', mailed: false });
    expect((await service.open(tokenOf(first.url), '10.0.0.1')).state).toBe('valid');
    const second = await service.linkForSubmission(actor, draft.id, {});
    expect((await service.open(tokenOf(first.url), '10.0.0.1')).state).toBe('invalid');
    const opened = await service.open(tokenOf(second.url), '10.0.0.1');
    expect(opened).toMatchObject({ state: 'valid', view: { treatment: 'Male pattern baldness', practitionerName: 'Ana Ribeiro', live: false, photos: [] } });
  });

  it('stops working after 14 days', async () => {
    let now = new Date('2026-06-01T12:00:00Z');
    const { actor, draft, service } = await setup(() => now);
    const link = await service.linkForSubmission(actor, draft.id, {});
    now = new Date('2026-06-15T11:59:59Z');
    expect((await service.open(tokenOf(link.url), '10.0.0.1')).state).toBe('valid');
    now = new Date('2026-06-15T12:00:00Z');
    expect((await service.open(tokenOf(link.url), '10.0.0.1')).state).toBe('invalid');
  });

  it('refuses another practitioner\'s case and an email that is not one', async () => {
    const { actor, draft, service } = await setup();
    await expect(service.linkForSubmission({ ...actor, id: actor.id + 1 }, draft.id, {})).rejects.toMatchObject({ status: 404 });
    await expect(service.linkForCase(actor, 'ana-ribeiro-mpb-1', {})).rejects.toMatchObject({ status: 404 });
    await expect(service.linkForSubmission(actor, draft.id, { email: 'not an email' })).rejects.toMatchObject({ status: 400, extra: { field: 'email' } });
  });

  it('limits an address that opens links that do not work, and only that address', async () => {
    const { actor, draft, service } = await setup();
    const link = await service.linkForSubmission(actor, draft.id, {});
    for (let i = 0; i < linkLookupLimit.maxFailures; i++) expect((await service.open(newLinkToken(), '10.0.0.66')).state).toBe('invalid');
    expect(await service.open(tokenOf(link.url), '10.0.0.66')).toMatchObject({ state: 'limited', retryAfterSeconds: expect.any(Number) });
    expect((await service.open(tokenOf(link.url), '10.0.0.1')).state).toBe('valid');
  });
});
