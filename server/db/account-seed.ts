/**
 * Accounts made at start: the first admin (ADMIN_EMAIL + ADMIN_PASSWORD, only while no admin
 * exists), and with SEED_DEMO one account per role. Demo passwords are random per data folder and
 * written to `DATA_DIR/demo-accounts.json` (mode 600), which `npm run demo` prints; a demo account
 * missing from the database is created again, and a lost file gives every demo account a new password.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import type { Knex } from 'knex';
import type { GrantView } from '../contracts/index.ts';
import { hashPassword } from '../services/credentials.ts';
import { createUser, findCredentials, hasAdmin, listOrganisations, updateUser } from './account-repository.ts';
import type { AuditActor } from './audit-repository.ts';
import { demoFleetSeed } from './seed.ts';

const PLATFORM: AuditActor = { userId: null, tokenId: null, label: 'platform (start-up)', ip: null };

/** One demo account as written to demo-accounts.json. */
export interface DemoAccount {
  email: string;
  password: string;
  displayName: string;
  /** What the account may do, for people reading the file. */
  role: string;
}

interface DemoAccountSpec {
  email: string;
  displayName: string;
  role: string;
  grants: (ids: { corridors: string[]; organisation: (name: string) => string }) => GrantView[];
}

const [kasunguPartner, pacificPartner] = [demoFleetSeed[0].organisation, demoFleetSeed[1].organisation];

const DEMO_ACCOUNTS: readonly DemoAccountSpec[] = [
  { email: 'admin@corridor.demo', displayName: 'Demo admin', role: 'admin', grants: () => [{ role: 'admin' }] },
  {
    email: 'operator@corridor.demo', displayName: 'Demo corridor operator', role: 'operator of every corridor',
    grants: ({ corridors }) => corridors.map((corridorId) => ({ role: 'operator', corridorId })),
  },
  {
    email: 'regulator@corridor.demo', displayName: 'Demo regulator', role: 'regulator of every corridor (read-only)',
    grants: ({ corridors }) => corridors.map((corridorId) => ({ role: 'regulator', corridorId })),
  },
  {
    email: 'partner@kasungu-health.demo', displayName: 'Demo partner (Kasungu Health Drones)', role: `partner: ${kasunguPartner}`,
    grants: ({ organisation }) => [{ role: 'partner', organisationId: organisation(kasunguPartner) }],
  },
  {
    email: 'partner@pacific-mapping.demo', displayName: 'Demo partner (Pacific Island Mapping)', role: `partner: ${pacificPartner}`,
    grants: ({ organisation }) => [{ role: 'partner', organisationId: organisation(pacificPartner) }],
  },
];

/** Create the first admin when no enabled admin exists; returns whether it did. */
export async function ensureFirstAdmin(knex: Knex, admin: { email: string; password: string }, nowMs: number): Promise<boolean> {
  if (await hasAdmin(knex)) return false;
  const existing = await findCredentials(knex, admin.email);
  if (existing) throw new Error(`ADMIN_EMAIL '${admin.email}' belongs to an account that is not an admin; grant it admin from the CLI (npm run admin) instead`);
  await createUser(knex, { email: admin.email, displayName: 'Administrator', passwordHash: await hashPassword(admin.password), organisationId: null, grants: [{ role: 'admin' }] }, PLATFORM, nowMs);
  return true;
}

async function readDemoFile(file: string): Promise<DemoAccount[] | null> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as DemoAccount[];
  } catch {
    return null; // no file (first start, or deleted): new passwords are made
  }
}

/** Make sure every demo account exists with the password in `file`; returns the accounts. */
export async function ensureDemoAccounts(knex: Knex, file: string, nowMs: number): Promise<DemoAccount[]> {
  const known = await readDemoFile(file);
  const corridors = (await knex('corridors').orderBy('slug').select('id')).map((row) => row.id as string);
  const organisations = await listOrganisations(knex, null);
  const organisation = (name: string) => organisations.find((item) => item.name === name)!.id;
  const accounts: DemoAccount[] = [];
  for (const spec of DEMO_ACCOUNTS) {
    const password = known?.find((account) => account.email === spec.email)?.password ?? randomBytes(9).toString('base64url');
    const existing = await findCredentials(knex, spec.email);
    if (!existing) {
      const grants = spec.grants({ corridors, organisation });
      const organisationId = grants.flatMap((grant) => (grant.role === 'partner' ? [grant.organisationId] : []))[0] ?? null;
      const user = { email: spec.email, displayName: spec.displayName, passwordHash: await hashPassword(password), organisationId, grants };
      await createUser(knex, user, PLATFORM, nowMs);
    } else if (!known) {
      await updateUser(knex, existing.id, { passwordHash: await hashPassword(password) }, PLATFORM, nowMs);
    }
    accounts.push({ email: spec.email, password, displayName: spec.displayName, role: spec.role });
  }
  if (!known || known.length !== accounts.length) await fs.writeFile(file, `${JSON.stringify(accounts, null, 2)}\n`, { mode: 0o600 });
  return accounts;
}
