/**
 * `npm run user:add -- --email EMAIL --role admin|practitioner [--practitioner SLUG] [--password-stdin]`:
 * creates an account in the database under DATA_DIR; production's first admin is made this way.
 * The password comes from stdin (with --password-stdin, or whenever stdin is not a terminal) or
 * from a prompt that does not echo. Mistakes exit with code 2 and say what to change.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline/promises';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { emailSchema, hashPassword, newPasswordProblem } from '../src/lib/accounts/index.ts';
import { configFromProcess } from '../src/lib/config/from-process.ts';
import { folderNamePattern } from '../src/lib/content/vocabulary.ts';
import { createDatabase, databaseFile, findUserByEmail, inTransaction, insertUser, recordAuditEvent, type Role } from '../src/lib/db/index.ts';

const usage = 'usage: npm run user:add -- --email EMAIL --role admin|practitioner [--practitioner SLUG] [--password-stdin]';

/** A mistake of the caller's: printed with the usage line, exit code 2. */
class UsageError extends Error {}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      practitioner: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const config = configFromProcess();

  const email = emailSchema.safeParse(values.email ?? '');
  if (!values.email) throw new UsageError('--email is required.');
  if (!email.success) throw new UsageError(`--email "${values.email}": ${email.error.issues[0]!.message}.`);
  const role = values.role;
  if (role !== 'admin' && role !== 'practitioner') throw new UsageError(`--role must be admin or practitioner${role ? `, not "${role}"` : ''}.`);
  const slug = practitionerSlug(role, values.practitioner, config.portfoliosDir);

  const db = createDatabase(config.dataDir);
  try {
    if (findUserByEmail(db, email.data)) throw new UsageError(`an account for ${email.data} already exists in ${databaseFile(config.dataDir)}.`);
    const password = await readPassword(values['password-stdin']);
    const problem = newPasswordProblem(password);
    if (problem) throw new UsageError(`${problem}.`);
    const passwordHash = await hashPassword(password);
    const user = inTransaction(db, () => {
      const created = insertUser(db, { email: email.data, passwordHash, role, practitionerSlug: slug });
      recordAuditEvent(db, { actorUserId: null, action: 'user.create', subject: `user:${created.id}`, after: { email: created.email, role, practitionerSlug: slug, via: 'npm run user:add' } });
      return created;
    });
    console.log(`user:add: created ${role} ${user.email} (id ${user.id})${slug ? ` for the portfolio ${slug}` : ''} in ${databaseFile(config.dataDir)}`);
  } finally {
    db.close();
  }
}

/** The slug a practitioner owns, which must be a published portfolio; admins own none. */
function practitionerSlug(role: Role, slug: string | undefined, portfoliosDir: string): string | null {
  if (role === 'admin') {
    if (slug !== undefined) throw new UsageError('--practitioner is only for --role practitioner (an admin owns no portfolio).');
    return null;
  }
  if (!slug) throw new UsageError('--role practitioner needs --practitioner SLUG, the portfolio folder they own (e.g. ana-ribeiro).');
  if (!folderNamePattern.test(slug)) throw new UsageError(`--practitioner "${slug}" is not a portfolio folder name (lowercase words joined by hyphens).`);
  if (!existsSync(path.join(portfoliosDir, slug, 'practitioner.yaml'))) {
    throw new UsageError(`no portfolio "${slug}": ${path.join(portfoliosDir, slug, 'practitioner.yaml')} does not exist (PORTFOLIOS_DIR is ${portfoliosDir}).`);
  }
  return slug;
}

/** The new password: from stdin when asked to or when piped, else typed twice at a prompt without echo. */
async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin || !process.stdin.isTTY) {
    let text = '';
    for await (const chunk of process.stdin) text += chunk;
    // One trailing newline is the shell's (`echo`, here-strings), not part of the password.
    return text.replace(/\r?\n$/, '');
  }
  const first = await promptHidden('Password (at least 12 characters): ');
  const second = await promptHidden('Repeat the password: ');
  if (first !== second) throw new UsageError('the two passwords differ.');
  return first;
}

/** Asks on stderr and reads a line from the terminal, echoing nothing. */
async function promptHidden(question: string): Promise<string> {
  // readline echoes what is typed to its output: a sink that drops everything hides the password.
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = readline.createInterface({ input: process.stdin, output: sink, terminal: true });
  rl.on('SIGINT', () => {
    rl.close();
    process.stderr.write('\n');
    process.exit(130);
  });
  process.stderr.write(question);
  try {
    return await rl.question('');
  } finally {
    rl.close();
    process.stderr.write('\n');
  }
}

try {
  await main();
} catch (error) {
  const usageError = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  console.error(`user:add: ${(error as Error).message}${usageError ? `\n${usage}` : ''}`);
  process.exitCode = usageError ? 2 : 1;
}
