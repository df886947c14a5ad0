import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createInquiryService, handledRetentionMs, inquiryLimit } from '../../src/lib/inquiries/index.ts';
import { createNoMailer, createSmtpMailer, type Mailer, type MailMessage } from '../../src/lib/mail/index.ts';
import { listAuditEvents, migrate, openDatabase, type Database } from '../../src/lib/db/index.ts';
import { startSmtpServer } from '../helpers/smtp.ts';

const open: Database[] = [];
afterEach(() => open.splice(0).forEach((db) => db.close()));

const ana = { id: 2, role: 'practitioner' as const, practitionerSlug: 'ana-ribeiro' };
const ben = { id: 3, role: 'practitioner' as const, practitionerSlug: 'ben-carter' };
const admin = { id: 1, role: 'admin' as const, practitionerSlug: null };
const body = (overrides: Record<string, unknown> = {}) => ({ practitioner: 'ana-ribeiro', name: 'Sam', contact: 'sam@example.com', message: 'Norwood 5, skin type IV: could you help?', ...overrides });

function service(options: { mailer?: Mailer; now?: () => Date } = {}) {
  const db = openDatabase(':memory:');
  open.push(db);
  migrate(db);
  const sent: MailMessage[] = [];
  const mailer = options.mailer ?? { driver: 'test', send: async (m: MailMessage) => (sent.push(m), { sent: true }) };
  const inquiries = createInquiryService({
    db,
    practitionerName: async (slug) => ({ 'ana-ribeiro': 'Ana Ribeiro', 'ben-carter': 'Ben Carter' })[slug],
    caseOwner: async (id) => (id === 'ana-crown-2025' ? 'ana-ribeiro' : undefined),
    practitionerEmail: (slug) => (slug === 'ana-ribeiro' ? 'ana@healed.test' : undefined),
    mailer,
    siteOrigin: 'https://healed.example',
    ...(options.now ? { now: options.now } : {}),
  });
  return { db, inquiries, sent };
}

describe('inquiries', () => {
  it('reach only their practitioner, newest first; admins see counts and nothing else', async () => {
    const { inquiries } = service();
    await inquiries.send(body({ name: 'First' }), '198.51.100.1');
    await inquiries.send(body({ name: 'Second', caseId: 'ana-crown-2025' }), '198.51.100.2');
    await inquiries.send(body({ practitioner: 'ben-carter', name: 'For Ben' }), '198.51.100.3');
    expect(inquiries.listOwn(ana).map((i) => [i.name, i.caseId])).toEqual([['Second', 'ana-crown-2025'], ['First', null]]);
    expect(inquiries.listOwn(ben).map((i) => i.name)).toEqual(['For Ben']);
    expect(() => inquiries.listOwn(admin)).toThrow(expect.objectContaining({ status: 403 }));
    expect(inquiries.counts(admin)).toEqual([{ practitionerSlug: 'ana-ribeiro', open: 2, handled: 0 }, { practitionerSlug: 'ben-carter', open: 1, handled: 0 }]);
    expect(JSON.stringify(inquiries.counts(admin))).not.toContain('Sam');
  });

  it('lets only their practitioner mark one handled, audited without its contents', async () => {
    const { db, inquiries } = service();
    const { id } = await inquiries.send(body(), '198.51.100.1');
    expect(() => inquiries.markHandled(ben, id)).toThrow(expect.objectContaining({ status: 404 }));
    expect(inquiries.markHandled(ana, id)).toEqual({ status: 'handled' });
    expect(() => inquiries.markHandled(ana, id)).toThrow(expect.objectContaining({ status: 404 }));
    expect(inquiries.counts(admin)).toEqual([{ practitionerSlug: 'ana-ribeiro', open: 0, handled: 1 }]);
    const audit = listAuditEvents(db).find((e) => e.action === 'inquiry.handled')!;
    expect(JSON.stringify(audit)).not.toMatch(/sam@example|Norwood/);
  });

  it('deletes a handled inquiry 180 days after it was handled, and keeps open ones', async () => {
    let clock = new Date('2026-01-01T10:00:00Z');
    const { inquiries } = service({ now: () => clock });
    const { id } = await inquiries.send(body({ name: 'Handled' }), '198.51.100.1');
    await inquiries.send(body({ name: 'Open' }), '198.51.100.1');
    inquiries.markHandled(ana, id);
    clock = new Date(clock.getTime() + handledRetentionMs - 60_000);
    expect(inquiries.listOwn(ana).map((i) => i.name).sort()).toEqual(['Handled', 'Open']);
    clock = new Date(clock.getTime() + 120_000);
    expect(inquiries.listOwn(ana).map((i) => i.name)).toEqual(['Open']);
  });

  it('refuses the sixth in an hour from one address with 429 and Retry-After; other addresses still get through', async () => {
    const clock = new Date('2026-01-01T10:00:00Z');
    const { inquiries } = service({ now: () => clock });
    for (let i = 0; i < inquiryLimit.maxFailures; i++) await inquiries.send(body(), '203.0.113.9');
    await expect(inquiries.send(body(), '203.0.113.9')).rejects.toMatchObject({ status: 429, code: 'too-many-inquiries', headers: { 'Retry-After': '3600' } });
    await expect(inquiries.send(body(), '203.0.113.10')).resolves.toMatchObject({ status: 'received' });
  });

  it('answers a filled honeypot like a person, and keeps and mails nothing', async () => {
    const { inquiries, sent } = service();
    await expect(inquiries.send(body({ website: 'http://spam.example' }), '198.51.100.1')).resolves.toMatchObject({ status: 'received' });
    expect(inquiries.listOwn(ana)).toEqual([]);
    expect(sent).toEqual([]);
  });

  it.each([
    [{ name: '' }, 'name'],
    [{ contact: 'call me maybe' }, 'contact'],
    [{ message: 'hi' }, 'message'],
    [{ practitioner: '../../etc' }, 'practitioner'],
    [{ caseId: '../x' }, 'caseId'],
    [{ extra: 1 }, 'body'],
  ])('refuses %j with 400 naming the field', async (overrides, field) => {
    const { inquiries } = service();
    await expect(inquiries.send(body(overrides), '198.51.100.1')).rejects.toMatchObject({ status: 400, extra: { field } });
  });

  it('refuses an unknown practitioner, or a case of another practitioner, with 404', async () => {
    const { inquiries } = service();
    await expect(inquiries.send(body({ practitioner: 'nobody-here' }), '198.51.100.1')).rejects.toMatchObject({ status: 404, extra: { field: 'practitioner' } });
    await expect(inquiries.send(body({ practitioner: 'ben-carter', caseId: 'ana-crown-2025' }), '198.51.100.1')).rejects.toMatchObject({ status: 404, extra: { field: 'caseId' } });
  });

  it('takes phone numbers as people write them', async () => {
    const { inquiries } = service({ mailer: createNoMailer() });
    for (const contact of ['+44 20 7946 0958', '(020) 7946-0958', '+91.98765.43210']) await expect(inquiries.send(body({ contact }), `198.51.100.${contact.length}`)).resolves.toMatchObject({ status: 'received' });
  });
});

describe('the practitioner is emailed through a real SMTP server', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(() => smtp.stop());

  it('sends a plain-text mail to the practitioner\'s account with the request, replying to the client', async () => {
    const { inquiries } = service({ mailer: createSmtpMailer({ url: smtp.url, from: 'Healed <no-reply@healed.example>' }) });
    await inquiries.send(body({ caseId: 'ana-crown-2025', message: 'Could you do my crown like this one?\n<b>not html</b>' }), '198.51.100.1');
    const mail = await smtp.next();
    expect(mail.to).toEqual(['ana@healed.test']);
    expect(mail.from).toBe('no-reply@healed.example');
    expect(mail.raw).toMatch(/^Reply-To: sam@example\.com/m);
    expect(mail.raw).toMatch(/^Content-Type: text\/plain/m);
    expect(mail.raw).toContain('https://healed.example/cases/ana-crown-2025/');
    expect(mail.raw).toContain('<b>not html</b>');
  });

  it('keeps the inquiry when the mail server refuses it, and logs why', async () => {
    const errors: string[] = [];
    const db = openDatabase(':memory:');
    open.push(db);
    migrate(db);
    const inquiries = createInquiryService({
      db,
      practitionerName: async () => 'Ana Ribeiro',
      caseOwner: async () => undefined,
      practitionerEmail: () => 'ana@healed.test',
      mailer: createSmtpMailer({ url: 'smtp://127.0.0.1:1', from: 'x@healed.example', timeoutMs: 2_000 }),
      siteOrigin: 'https://healed.example',
      log: { error: (line: string) => void errors.push(line) },
    });
    await inquiries.send(body(), '198.51.100.1');
    await expect.poll(() => errors.length, { timeout: 5_000 }).toBe(1);
    expect(errors[0]).toMatch(/SMTP could not take the message to ana@healed\.test.*kept in \/account\/inquiries/);
    expect(inquiries.listOwn(ana)).toHaveLength(1);
  });
});
