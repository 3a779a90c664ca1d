/** Flights say where their data came from: a live link, or an imported .tlog. */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('flights', (table) => {
    table.text('source').notNullable().defaultTo('live').checkIn(['live', 'import']);
    table.text('source_name');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('flights', (table) => {
    table.dropColumn('source');
    table.dropColumn('source_name');
  });
}
