import { describe, expect, it } from 'vitest';
import { hashPassword, UnknownPasswordHashError, verifyDummyPassword, verifyPassword } from '../../src/lib/accounts/index.ts';

describe('password hashing (scrypt)', () => {
  it('verifies the password it hashed, with the parameters written into the hash', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
  });

  it('refuses a wrong password, including one differing only in case or a trailing space', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(await verifyPassword('Correct horse battery staple', stored)).toBe(false);
    expect(await verifyPassword('correct horse battery staple ', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts each hash: the same password never hashes the same twice', async () => {
    const [a, b] = await Promise.all([hashPassword('same password here'), hashPassword('same password here')]);
    expect(a).not.toBe(b);
  });

  it('verifies hashes made with other (bounded) parameters, read from the stored string', async () => {
    const cheap = await hashPassword('another password', { ln: 10, r: 8, p: 1 });
    expect(cheap.startsWith('$scrypt$ln=10,r=8,p=1$')).toBe(true);
    expect(await verifyPassword('another password', cheap)).toBe(true);
  });

  it('treats Unicode forms of the same text as one password (NFC)', async () => {
    const stored = await hashPassword('caf\u00e9-au-lait-2025', { ln: 10, r: 8, p: 1 });
    expect(await verifyPassword('cafe\u0301-au-lait-2025', stored)).toBe(true);
  });

  it.each([
    ['plain text', 'hunter2'],
    ['another algorithm', '$2b$12$abcdefghijklmnopqrstuuQ3b3mW9oYl9mO4f5Jm2y1x0z9w8v7u6'],
    ['parameters out of bounds', '$scrypt$ln=30,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['empty', ''],
  ])('throws UnknownPasswordHashError for an unknown hash format (%s)', async (_label, stored) => {
    await expect(verifyPassword('whatever', stored)).rejects.toBeInstanceOf(UnknownPasswordHashError);
  });

  it('has a dummy verification for unknown emails that always fails', async () => {
    expect(await verifyDummyPassword('no account has this password')).toBe(false);
  });
});
