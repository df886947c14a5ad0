import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with scrypt (memory-hard, built into Node: no native addon). N = 2^15, r = 8,
 * p = 1 is OWASP's recommended minimum; each verify costs ~32 MiB and tens of milliseconds, on
 * libuv's thread pool rather than the event loop.
 */
const DEFAULT_PARAMS = { ln: 15, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;

/** Parameters read back from a stored hash are bounded, so a corrupt row cannot demand gigabytes. */
const LIMITS = { ln: [10, 20], r: [1, 32], p: [1, 16] } as const;

/** Stored hashes look like `$scrypt$ln=15,r=8,p=1$<salt>$<key>` (base64, PHC string style). */
const HASH_PATTERN = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]{16,})\$([A-Za-z0-9+/]{32,})$/;

interface ScryptParams {
  ln: number;
  r: number;
  p: number;
}

/** Raised when a stored hash is not in a format this code wrote: a data problem, not a wrong password. */
export class UnknownPasswordHashError extends Error {
  constructor() {
    super('The stored password hash is not in a known format ($scrypt$ln=…,r=…,p=…$salt$key): reset the password with npm run user:add.');
    this.name = 'UnknownPasswordHashError';
  }
}

function derive(password: string, salt: Buffer, params: ScryptParams, length: number): Promise<Buffer> {
  const N = 2 ** params.ln;
  // Node refuses when 128·N·r reaches maxmem (default 32 MiB, exactly what N=2^15, r=8 needs): allow twice that.
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 256 * N * params.r };
  // NFC: the same password typed on macOS and Windows can arrive in different Unicode forms.
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** Hashes a password with a fresh random salt; the result carries its own parameters. */
export async function hashPassword(password: string, params: ScryptParams = DEFAULT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params, KEY_BYTES);
  return `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${toB64(salt)}$${toB64(key)}`;
}

/** Whether `password` matches `stored`; throws UnknownPasswordHashError when `stored` is not ours. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) throw new UnknownPasswordHashError();
  const key = await derive(password, parsed.salt, parsed.params, parsed.key.length);
  // Constant-time comparison: how many leading bytes matched must not show in the response time.
  return timingSafeEqual(key, parsed.key);
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the time of a real verification and returns false. Used for unknown emails, so the
 * response time does not reveal which emails have accounts.
 */
export async function verifyDummyPassword(password: string): Promise<false> {
  dummyHash ??= hashPassword('no account has this password');
  await verifyPassword(password, await dummyHash);
  return false;
}

function toB64(buffer: Buffer): string {
  return buffer.toString('base64').replace(/=+$/, '');
}

function parseHash(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } | undefined {
  const match = HASH_PATTERN.exec(stored);
  if (!match) return undefined;
  const params = { ln: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  const inRange = (Object.keys(LIMITS) as Array<keyof ScryptParams>).every((name) => params[name] >= LIMITS[name][0] && params[name] <= LIMITS[name][1]);
  if (!inRange) return undefined;
  return { params, salt: Buffer.from(match[4]!, 'base64'), key: Buffer.from(match[5]!, 'base64') };
}
