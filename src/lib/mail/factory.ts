import type { HealedConfig } from '../config/index.ts';
import { createNoMailer } from './none.ts';
import { createSmtpMailer } from './smtp.ts';
import type { Mailer } from './types.ts';

/** The mailer `config.mail` asks for. */
export function createMailer(mail: HealedConfig['mail']): Mailer {
  switch (mail.driver) {
    case 'none':
      return createNoMailer();
    case 'smtp':
      return createSmtpMailer({ url: mail.url, from: mail.from });
    default:
      throw new Error(`Unknown mail driver ${(mail as { driver: string }).driver}: set SMTP_URL, or leave it empty to send no mail.`);
  }
}
