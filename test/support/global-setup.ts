/**
 * Once per `npm test`: build the web pages, and prepare a migrated, seeded template of each
 * database the suite runs on, so a test file gets a fresh database in about a second:
 * - embedded: a PGlite data folder, cached under node_modules/.cache by a hash of the
 *   migrations and seeds (PostGIS initialisation takes ~15 s cold);
 * - postgres: a template database on TEST_DATABASE_URL's server, when one is reachable.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { build } from 'vite';
import { openDatabase } from '../../server/db/database.ts';
import { seedCorridors, seedDemoFleet } from '../../server/db/seed.ts';
import knexFactory, { type Knex } from 'knex';
import { postgresTemplateName, probePostgres, withDatabaseName } from './postgres.ts';

const root = path.resolve(import.meta.dirname, '../..');

/** What the template's content depends on: the migrations, the seeds and the database opener. */
const TEMPLATE_SOURCES = ['server/db/database.ts', 'server/db/seed.ts', 'server/db/corridor-seeds.ts', 'server/db/migrations'];

async function sourceHash(): Promise<string> {
  const hash = createHash('sha256');
  for (const source of TEMPLATE_SOURCES) {
    const full = path.join(root, source);
    const files = (await fs.stat(full)).isDirectory() ? (await fs.readdir(full)).sort().map((name) => path.join(full, name)) : [full];
    for (const file of files) hash.update(await fs.readFile(file));
  }
  return hash.digest('hex').slice(0, 16);
}

async function seed(databaseUrl: string | null, dataDir: string): Promise<void> {
  const database = await openDatabase({ databaseUrl, dataDir });
  await seedCorridors(database.knex);
  await seedDemoFleet(database.knex);
  await database.close();
}

async function prepareEmbeddedTemplate(): Promise<string> {
  const folder = path.join(root, 'node_modules/.cache/corridor-tests', `pglite-${await sourceHash()}`);
  const ready = path.join(folder, 'READY');
  if (await fs.stat(ready).catch(() => null)) return folder;
  // Built aside and renamed into place, so two runs at once never see a half-made template.
  const building = `${folder}.${process.pid}.building`;
  await fs.rm(building, { recursive: true, force: true });
  await seed(null, building);
  await fs.writeFile(path.join(building, 'READY'), new Date().toISOString());
  await fs.rename(building, folder).catch(async (error) => {
    if (!(await fs.stat(ready).catch(() => null))) throw error;
    await fs.rm(building, { recursive: true, force: true }); // another run finished first
  });
  return folder;
}

/** Databases of this run are named `corridor_test_<run>_…`; a run's own are dropped at its end. */
const STALE_RUN_AGE_S = 6 * 3600;

async function withAdmin<T>(adminUrl: string, work: (admin: Knex) => Promise<T>): Promise<T> {
  const admin = knexFactory({ client: 'pg', connection: adminUrl, pool: { min: 0, max: 1 } });
  try {
    return await work(admin);
  } finally {
    await admin.destroy();
  }
}

async function dropDatabases(admin: Knex, filter: (name: string) => boolean): Promise<void> {
  const all = await admin.raw(`SELECT datname FROM pg_database WHERE datname LIKE 'corridor\\_test\\_%'`);
  for (const { datname } of all.rows as Array<{ datname: string }>) {
    if (filter(datname)) await admin.raw(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
}

async function preparePostgresTemplate(adminUrl: string, runId: string): Promise<void> {
  const nowS = Math.floor(Date.now() / 1000);
  await withAdmin(adminUrl, async (admin) => {
    // Left behind by runs that crashed long ago; a run still going is never that old.
    await dropDatabases(admin, (name) => {
      const startedS = Number(name.split('_')[2]);
      return !Number.isFinite(startedS) || nowS - startedS > STALE_RUN_AGE_S;
    });
    await admin.raw(`CREATE DATABASE "${postgresTemplateName(runId)}"`);
  });
  await seed(withDatabaseName(adminUrl, postgresTemplateName(runId)), '');
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
  project.provide('embeddedTemplateDir', await prepareEmbeddedTemplate());
  const postgres = await probePostgres();
  const runId = `${Math.floor(Date.now() / 1000)}_${process.pid}`;
  if (postgres.available) await preparePostgresTemplate(postgres.adminUrl, runId);
  project.provide('postgresAdminUrl', postgres.available ? postgres.adminUrl : null);
  project.provide('postgresUnavailableReason', postgres.available ? null : postgres.reason);
  project.provide('testRunId', runId);
  console.log(postgres.available
    ? `Database tests run on: embedded PGlite+PostGIS, and PostgreSQL+PostGIS at ${postgres.adminUrl}`
    : `Database tests run on: embedded PGlite+PostGIS only — PostgreSQL skipped: ${postgres.reason}`);
  return async () => {
    if (postgres.available) await withAdmin(postgres.adminUrl, (admin) => dropDatabases(admin, (name) => name.startsWith(`corridor_test_${runId}_`)));
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    embeddedTemplateDir: string;
    postgresAdminUrl: string | null;
    postgresUnavailableReason: string | null;
    testRunId: string;
  }
}
