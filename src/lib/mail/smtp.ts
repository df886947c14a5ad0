import nodemailer from 'nodemailer';
import type { Mailer, MailMessage } from './types.ts';

/** Options of the SMTP mailer. */
export interface SmtpMailerOptions {
  /** `smtp://user:pass@host:587` or `smtps://…:465` (nodemailer's connection URL). */
  url: string;
  /** The From address, e.g. `Healed <no-reply@healed.example>`. */
  from: string;
  /** A message that takes longer than this to hand over is given up (ms). */
  timeoutMs?: number;
}

/** Sends through an SMTP server with nodemailer; a refusal or timeout rejects with the server's reason as `cause`. */
export function createSmtpMailer(options: SmtpMailerOptions): Mailer {
  const timeout = options.timeoutMs ?? 10_000;
  const transport = nodemailer.createTransport({ url: options.url, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout });
  return {
    driver: 'smtp',
    async send(message: MailMessage) {
      try {
        await transport.sendMail({ from: options.from, to: message.to, subject: message.subject, text: message.text, ...(message.replyTo ? { replyTo: message.replyTo } : {}) });
        return { sent: true };
      } catch (cause) {
        throw new Error(`SMTP could not take the message to ${message.to}: ${(cause as Error).message}`, { cause });
      }
    },
  };
}
