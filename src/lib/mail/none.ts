import type { Mailer } from './types.ts';

/** No mail server configured: nothing is sent, and callers show what would have been mailed in the app instead. */
export function createNoMailer(): Mailer {
  return { driver: 'none', send: async () => ({ sent: false }) };
}
