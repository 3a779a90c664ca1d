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
import { POSTGRES_TEMPLATE, probePostgres, withDatabaseName } from './postgres.ts';

const root = path.resolve(import.meta.dirname, '../..');

async function sourceHash(): Promise<string> {
  const hash = createHash('sha256');
  for (const folder of ['server/db', 'server/db/migrations']) {
    for (const name of (await fs.readdir(path.join(root, folder))).sort()) {
      if (name.endsWith('.ts')) hash.update(await fs.readFile(path.join(root, folder, name)));
    }
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
  await fs.rm(folder, { recursive: true, force: true });
  await seed(null, folder);
  await fs.writeFile(ready, new Date().toISOString());
  return folder;
}

async function preparePostgresTemplate(adminUrl: string): Promise<void> {
  const { default: knexFactory } = await import('knex');
  const admin = knexFactory({ client: 'pg', connection: adminUrl, pool: { min: 0, max: 1 } });
  try {
    const stale = await admin.raw(`SELECT datname FROM pg_database WHERE datname LIKE 'corridor_test_%'`);
    for (const { datname } of stale.rows) await admin.raw(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await admin.raw(`CREATE DATABASE "${POSTGRES_TEMPLATE}"`);
  } finally {
    await admin.destroy();
  }
  await seed(withDatabaseName(adminUrl, POSTGRES_TEMPLATE), '');
}

export default async function setup(project: TestProject): Promise<void> {
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
  project.provide('embeddedTemplateDir', await prepareEmbeddedTemplate());
  const postgres = await probePostgres();
  if (postgres.available) await preparePostgresTemplate(postgres.adminUrl);
  project.provide('postgresAdminUrl', postgres.available ? postgres.adminUrl : null);
  project.provide('postgresUnavailableReason', postgres.available ? null : postgres.reason);
}

declare module 'vitest' {
  export interface ProvidedContext {
    embeddedTemplateDir: string;
    postgresAdminUrl: string | null;
    postgresUnavailableReason: string | null;
  }
}
