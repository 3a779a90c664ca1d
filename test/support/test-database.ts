/**
 * A fresh, migrated and seeded database for one test file, on either kind:
 * `databaseKinds()` lists the kinds this run covers; `createTestDatabase(kind)` copies the
 * template prepared by global-setup.ts.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import { inject } from 'vitest';
import type { DatabaseKind } from '../../server/db/database.ts';
import { postgresTemplateName, withDatabaseName } from './postgres.ts';

export interface TestDatabase {
  kind: DatabaseKind;
  /** DATABASE_URL for the platform; null for embedded. */
  databaseUrl: string | null;
  /** DATA_DIR for the platform (holds the embedded database). */
  dataDir: string;
  drop(): Promise<void>;
}

/** The kinds of database this run covers: always embedded, PostgreSQL when reachable. */
export function databaseKinds(): DatabaseKind[] {
  return inject('postgresAdminUrl') ? ['embedded', 'postgres'] : ['embedded'];
}

/** Why the PostgreSQL half is not running, if it is not. */
export const postgresSkipReason = (): string | null => inject('postgresUnavailableReason');

/** A fresh copy of the seeded template database. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'corridor-test-'));
  if (kind === 'embedded') {
    await fs.cp(path.join(inject('embeddedTemplateDir'), 'pglite'), path.join(dataDir, 'pglite'), { recursive: true });
    return { kind, databaseUrl: null, dataDir, drop: () => fs.rm(dataDir, { recursive: true, force: true }) };
  }
  const adminUrl = inject('postgresAdminUrl');
  if (!adminUrl) throw new Error('PostgreSQL is not available in this run');
  const runId = inject('testRunId');
  const name = `corridor_test_${runId}_${randomBytes(4).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: adminUrl, pool: { min: 0, max: 1 } });
  await admin.raw(`CREATE DATABASE "${name}" TEMPLATE "${postgresTemplateName(runId)}"`);
  return {
    kind,
    databaseUrl: withDatabaseName(adminUrl, name),
    dataDir,
    async drop() {
      await admin.raw(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.destroy();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
