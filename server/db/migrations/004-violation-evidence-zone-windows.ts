/**
 * Violations keep the samples that prove them (first inside, deepest, last inside, first clear
 * after, and a thinned track; at most 50). Zones may apply only within a time window.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('violations', (table) => {
    table.jsonb('evidence').notNullable().defaultTo('[]');
  });
  await knex.schema.alterTable('zones', (table) => {
    table.timestamp('window_start', { useTz: true });
    table.timestamp('window_end', { useTz: true });
  });
  await knex.raw('ALTER TABLE zones ADD CONSTRAINT zones_window_ordered CHECK (window_start IS NULL OR window_end IS NULL OR window_start < window_end)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('violations', (table) => table.dropColumn('evidence'));
  await knex.schema.alterTable('zones', (table) => {
    table.dropColumn('window_start');
    table.dropColumn('window_end');
  });
}
