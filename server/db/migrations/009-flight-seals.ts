/**
 * Tamper evidence: when a flight closes, its raw log and its derived records are hashed and the
 * hashes chained per corridor (each seal includes the previous seal's hash), so changing a byte of a
 * log, a telemetry row or a violation, or removing a flight, no longer verifies.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('flight_seals', (table) => {
    table.uuid('flight_id').primary();
    // The corridor's id, or 'none' for flights outside every corridor.
    table.text('chain').notNullable();
    table.integer('sequence').notNullable();
    table.text('log_sha256').notNullable();
    table.text('records_sha256').notNullable();
    table.text('previous_hash').notNullable();
    table.text('hash').notNullable().unique();
    table.bigInteger('sealed_at_ms').notNullable();
    table.jsonb('summary').notNullable();
    table.unique(['chain', 'sequence']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('flight_seals');
}
