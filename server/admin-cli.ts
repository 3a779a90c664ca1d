/**
 * `npm run admin -- <command>`: account rescue from the shell, on the database the server's
 * environment names (DATABASE_URL, or the embedded one in DATA_DIR — stop the server first then,
 * as the embedded database has one user at a time).
 *
 *   create-admin --email E [--name N]   a new admin (password from ADMIN_PASSWORD, else read from stdin)
 *   reset-password --email E            a new password for anyone (same source); signs them out everywhere
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { createUser, findCredentials, updateUser } from './db/account-repository.ts';
import type { AuditActor } from './db/audit-repository.ts';
import { openDatabase } from './db/database.ts';
import { revokeSessions } from './db/session-repository.ts';
import { loadConfig } from './config.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from './services/credentials.ts';

const USAGE = 'usage: npm run admin -- create-admin --email E [--name N] | reset-password --email E   (password: ADMIN_PASSWORD or stdin)';
const CLI: AuditActor = { userId: null, tokenId: null, label: `command line (${process.env.USER ?? 'unknown user'})`, ip: null };

async function readPassword(): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  const lines = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
  const password = await lines.question(`Password (at least ${MIN_PASSWORD_LENGTH} characters): `);
  lines.close();
  return password.trim();
}

const { positionals, values } = parseArgs({ allowPositionals: true, options: { email: { type: 'string' }, name: { type: 'string' } } });
const [command] = positionals;
if (!values.email || !['create-admin', 'reset-password'].includes(command ?? '')) {
  console.error(USAGE);
  process.exit(2);
}
const password = await readPassword();
if (password.length < MIN_PASSWORD_LENGTH) {
  console.error(`The password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  process.exit(2);
}
const config = loadConfig({ ...process.env, ADMIN_EMAIL: undefined, ADMIN_PASSWORD: undefined });
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const existing = await findCredentials(database.knex, values.email);
  if (command === 'create-admin') {
    if (existing) throw new Error(`'${values.email}' already has an account; use reset-password, or grant it admin through the API`);
    const user = await createUser(database.knex, { email: values.email.toLowerCase(), displayName: values.name ?? 'Administrator', passwordHash: await hashPassword(password), organisationId: null, grants: [{ role: 'admin' }] }, CLI, Date.now());
    console.log(`Admin ${user.email} created (${user.id})`);
  } else {
    if (!existing) throw new Error(`No account '${values.email}'`);
    await updateUser(database.knex, existing.id, { passwordHash: await hashPassword(password) }, CLI, Date.now());
    const revoked = await revokeSessions(database.knex, { userId: existing.id, reason: 'password reset from the command line' }, CLI, Date.now());
    console.log(`Password of ${existing.email} reset; ${revoked.length} session(s) signed out`);
  }
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await database.close();
}
