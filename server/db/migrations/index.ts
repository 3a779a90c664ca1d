/**
 * The ordered list of schema migrations. Listed here (not discovered on disk) so that the
 * same migrations run under tsx, vitest and any bundler. Append new ones; never edit old ones.
 */
import type { Knex } from 'knex';
import * as initialSchema from './001-initial-schema.ts';
import * as flightSource from './002-flight-source.ts';
import * as aircraftSigningKey from './003-aircraft-signing-key.ts';
import * as violationEvidence from './004-violation-evidence-zone-windows.ts';
import * as zoneLineage from './005-zone-lineage.ts';
import * as accounts from './006-accounts-sessions-audit.ts';
import * as bookings from './007-bookings.ts';
import * as alertAcknowledgement from './008-alert-acknowledgement.ts';
import * as flightSeals from './009-flight-seals.ts';
import * as severalProcesses from './010-several-processes-telemetry-partitions.ts';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

const migrations: ReadonlyArray<readonly [string, Migration]> = [
  ['001-initial-schema', initialSchema],
  ['002-flight-source', flightSource],
  ['003-aircraft-signing-key', aircraftSigningKey],
  ['004-violation-evidence-zone-windows', violationEvidence],
  ['005-zone-lineage', zoneLineage],
  ['006-accounts-sessions-audit', accounts],
  ['007-bookings', bookings],
  ['008-alert-acknowledgement', alertAcknowledgement],
  ['009-flight-seals', flightSeals],
  ['010-several-processes-telemetry-partitions', severalProcesses],
];

const migrationSource: Knex.MigrationSource<readonly [string, Migration]> = {
  getMigrations: async () => [...migrations],
  getMigrationName: ([name]) => name,
  getMigration: async ([, migration]) => migration,
};

/** Bring the schema up to date; safe to call on every start. */
export async function runMigrations(knex: Knex): Promise<void> {
  await knex.migrate.latest({ migrationSource });
}
