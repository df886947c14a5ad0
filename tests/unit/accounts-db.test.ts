import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createDatabase,
  databaseFile,
  inTransaction,
  insertUser,
  listAuditEvents,
  migrate,
  migrations,
  openDatabase,
  recordAuditEvent,
  type Database,
  type Migration,
} from '../../src/lib/db/index.ts';

const dirs: string[] = [];
const open: Database[] = [];
afterEach(() => {
  open.splice(0).forEach((db) => db.close());
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

function tempDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'healed-db-'));
  dirs.push(dir);
  return dir;
}

function track(db: Database): Database {
  open.push(db);
  return db;
}

const tables = (db: Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((row) => row.name);

describe('openDatabase', () => {
  it('uses WAL, foreign keys and a busy timeout, in an owner-only file', () => {
    const file = databaseFile(tempDataDir());
    const db = track(openDatabase(file));
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(db.prepare('PRAGMA foreign_keys').get()).toEqual({ foreign_keys: 1 });
    expect((db.prepare('PRAGMA busy_timeout').get() as { timeout: number }).timeout).toBeGreaterThan(0);
    expect(statSync(file).mode & 0o077).toBe(0);
  });
});

describe('migrate', () => {
  it('applies every migration once on a new database, then nothing on later runs', () => {
    const dataDir = tempDataDir();
    const db = track(openDatabase(databaseFile(dataDir)));
    expect(migrate(db)).toEqual(migrations.map((m) => m.id));
    expect(migrate(db)).toEqual([]);
    expect(tables(db)).toEqual(expect.arrayContaining(['users', 'sessions', 'login_attempts', 'audit_events', 'schema_migrations']));
    db.close();
    open.pop();
    // A second process (e.g. npm run user:add) opening the same file finds it up to date.
    const again = track(createDatabase(dataDir));
    expect(migrate(again)).toEqual([]);
    expect(again.prepare('SELECT id, name FROM schema_migrations ORDER BY id').all().map((row) => ({ ...row }))).toEqual(migrations.map((m) => ({ id: m.id, name: m.name })));
  });

  it('applies a migration added later, on top of the existing schema', () => {
    const db = track(openDatabase(':memory:'));
    migrate(db);
    const added: Migration = { id: migrations.length + 1, name: 'test-notes', up: (d) => d.exec('CREATE TABLE test_notes (id INTEGER PRIMARY KEY) STRICT') };
    expect(migrate(db, [...migrations, added])).toEqual([added.id]);
    expect(migrate(db, [...migrations, added])).toEqual([]);
    expect(tables(db)).toContain('test_notes');
  });

  it('rolls a failing migration back entirely and names it', () => {
    const db = track(openDatabase(':memory:'));
    migrate(db);
    const broken: Migration = {
      id: migrations.length + 1,
      name: 'half-done',
      up: (d) => {
        d.exec('CREATE TABLE half_done (id INTEGER PRIMARY KEY)');
        d.exec('THIS IS NOT SQL');
      },
    };
    expect(() => migrate(db, [...migrations, broken])).toThrow(/Migration \d+-half-done failed \(nothing of it was applied\)/);
    expect(tables(db)).not.toContain('half_done');
    expect(db.prepare('SELECT count(*) AS n FROM schema_migrations WHERE id = ?').get(broken.id)).toEqual({ n: 0 });
  });

  it('refuses a database migrated by newer code', () => {
    const db = track(openDatabase(':memory:'));
    const newer: Migration = { id: migrations.length + 1, name: 'from-the-future', up: () => {} };
    migrate(db, [...migrations, newer]);
    expect(() => migrate(db)).toThrow(/newer than this code knows/);
  });

  it('refuses a list out of order or with a gap', () => {
    const db = track(openDatabase(':memory:'));
    const skip: Migration = { id: migrations.length + 2, name: 'gap', up: () => {} };
    expect(() => migrate(db, [...migrations, skip])).toThrow(/list migrations .* as 1, 2, 3/);
  });
});

describe('schema rules', () => {
  function migrated(): Database {
    const db = track(openDatabase(':memory:'));
    migrate(db);
    return db;
  }

  it('keeps audit_events append-only', () => {
    const db = migrated();
    const id = recordAuditEvent(db, { actorUserId: null, action: 'test.thing', subject: 'case:x', before: { a: 1 }, after: { a: 2 } });
    expect(() => db.exec("UPDATE audit_events SET action = 'x'")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM audit_events')).toThrow(/append-only/);
    expect(listAuditEvents(db)).toEqual([expect.objectContaining({ id, action: 'test.thing', subject: 'case:x', before: { a: 1 }, after: { a: 2 } })]);
  });

  it('stores emails lower-case only, one account per email', () => {
    const db = migrated();
    const base = { passwordHash: 'x', role: 'admin' as const, practitionerSlug: null };
    expect(() => insertUser(db, { ...base, email: 'Admin@Example.com' })).toThrow(/CHECK/);
    insertUser(db, { ...base, email: 'admin@example.com' });
    expect(() => insertUser(db, { ...base, email: 'admin@example.com' })).toThrow(/UNIQUE/);
  });

  it('requires a portfolio slug for practitioners and none for admins', () => {
    const db = migrated();
    expect(() => insertUser(db, { email: 'p@example.com', passwordHash: 'x', role: 'practitioner', practitionerSlug: null })).toThrow(/CHECK/);
    expect(() => insertUser(db, { email: 'a@example.com', passwordHash: 'x', role: 'admin', practitionerSlug: 'ana-ribeiro' })).toThrow(/CHECK/);
  });

  it('rolls back a whole transaction, and nested ones to their savepoint', () => {
    const db = migrated();
    const base = { passwordHash: 'x', role: 'admin' as const, practitionerSlug: null };
    expect(() =>
      inTransaction(db, () => {
        insertUser(db, { ...base, email: 'one@example.com' });
        throw new Error('stop');
      }),
    ).toThrow('stop');
    inTransaction(db, () => {
      insertUser(db, { ...base, email: 'two@example.com' });
      expect(() => inTransaction(db, () => {
        insertUser(db, { ...base, email: 'three@example.com' });
        throw new Error('inner');
      })).toThrow('inner');
    });
    const emails = db.prepare('SELECT email FROM users ORDER BY email').all().map((row) => row.email);
    expect(emails).toEqual(['two@example.com']);
  });
});
