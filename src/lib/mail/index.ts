/** Public face of the mail capability: one port, no mail by default, SMTP when `SMTP_URL` is set. */
export type { Mailer, MailMessage } from './types.ts';
export { createMailer } from './factory.ts';
export { createNoMailer } from './none.ts';
export { createSmtpMailer, type SmtpMailerOptions } from './smtp.ts';
