/**
 * `npm run user:disable -- --email EMAIL`: disables an account in the database under DATA_DIR.
 * It can no longer sign in, and every session it has ends now (a stolen or forgotten cookie stops
 * working at once). Idempotent. Mistakes exit with code 2 and say what to change.
 */
import { parseArgs } from 'node:util';
import { disableAccount, emailSchema } from '../src/lib/accounts/index.ts';
import { configFromProcess } from '../src/lib/config/from-process.ts';
import { createDatabase, databaseFile } from '../src/lib/db/index.ts';

const usage = 'usage: npm run user:disable -- --email EMAIL';

/** A mistake of the caller's: printed with the usage line, exit code 2. */
class UsageError extends Error {}

function main(): void {
  const { values } = parseArgs({ options: { email: { type: 'string' } }, strict: true, allowPositionals: false });
  if (!values.email) throw new UsageError('--email is required.');
  const email = emailSchema.safeParse(values.email);
  if (!email.success) throw new UsageError(`--email "${values.email}": ${email.error.issues[0]!.message}.`);
  const config = configFromProcess();
  const db = createDatabase(config.dataDir);
  try {
    const result = disableAccount(db, email.data);
    if (!result) throw new UsageError(`no account for ${email.data} in ${databaseFile(config.dataDir)}.`);
    console.log(`user:disable: ${email.data} (id ${result.userId}) is disabled; ${result.endedSessions} session${result.endedSessions === 1 ? '' : 's'} ended.`);
  } finally {
    db.close();
  }
}

try {
  main();
} catch (error) {
  const usageError = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  console.error(`user:disable: ${(error as Error).message}${usageError ? `\n${usage}` : ''}`);
  process.exitCode = usageError ? 2 : 1;
}
