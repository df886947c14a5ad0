import type { Migration } from '../types.ts';

/**
 * Inquiries: a prospective client's consultation request to one practitioner. Private to that
 * practitioner; deleted 180 days after it is handled. The sender's address is kept only as a
 * salted digest, to count inquiries per address for the spam limit.
 */
export const inquiriesMigration: Migration = {
  id: 9,
  name: 'inquiries',
  up(db) {
    db.exec(`
      CREATE TABLE inquiries (
        id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 16 AND 64),
        practitioner_slug TEXT NOT NULL CHECK (practitioner_slug GLOB '[a-z0-9]*'),
        -- The published case it is about, if it was sent from a case page.
        case_id TEXT,
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        -- An email or a phone number: never published, shown only to the practitioner.
        contact TEXT NOT NULL CHECK (length(contact) BETWEEN 3 AND 200),
        message TEXT NOT NULL CHECK (length(message) BETWEEN 1 AND 4000),
        created_at TEXT NOT NULL,
        -- Epoch ms, for the per-address limit's window.
        created_ms INTEGER NOT NULL,
        address_digest TEXT NOT NULL,
        handled_at TEXT,
        -- Epoch ms; the row is deleted 180 days after it.
        handled_ms INTEGER
      ) STRICT;
      CREATE INDEX inquiries_practitioner ON inquiries(practitioner_slug, created_ms);
      CREATE INDEX inquiries_address ON inquiries(address_digest, created_ms);
      CREATE INDEX inquiries_handled ON inquiries(handled_ms) WHERE handled_ms IS NOT NULL;
    `);
  },
};
