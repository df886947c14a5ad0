import type { Migration } from '../types.ts';

/**
 * Account safety: an account can be disabled (it cannot sign in, and all its sessions end), and
 * login attempts are also counted per client address and in total, not only per email+address,
 * so spraying one password across many emails is slowed too.
 */
export const accountSafetyMigration: Migration = {
  id: 6,
  name: 'account-safety',
  up(db) {
    db.exec(`
      -- When the account was disabled (ISO 8601 UTC); NULL while it may sign in.
      ALTER TABLE users ADD COLUMN disabled_at TEXT;
      -- The per-address and global sign-in limits count rows by address and by time alone.
      CREATE INDEX login_attempts_ip ON login_attempts(ip, at);
    `);
  },
};
