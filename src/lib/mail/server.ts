import { config } from '../config/index.ts';
import { createMailer } from './factory.ts';

/** The server's mailer, chosen once from config. Server-only. */
export const mailer = createMailer(config.mail);
