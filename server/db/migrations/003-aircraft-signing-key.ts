/**
 * An aircraft may be registered with its MAVLink 2 signing key (32 bytes, the secret shared with
 * the autopilot); then only packets correctly signed with it are accepted from its system id.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('aircraft', (table) => {
    table.binary('signing_key');
  });
  await knex.raw('ALTER TABLE aircraft ADD CONSTRAINT aircraft_signing_key_length CHECK (signing_key IS NULL OR octet_length(signing_key) = 32)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('aircraft', (table) => {
    table.dropColumn('signing_key');
  });
}
