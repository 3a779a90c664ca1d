/**
 * Who acknowledged an alert, and what they said (the time is acknowledged_at, from migration 001); and
 * audit entries about aircraft outside every corridor, which every operator and regulator may read.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('alerts', (table) => {
    table.uuid('acknowledged_by').references('users.id');
    table.text('acknowledged_by_label');
    table.text('acknowledgement_comment');
  });
  await knex.raw('CREATE INDEX alerts_unacknowledged ON alerts (raised_at) WHERE acknowledged_at IS NULL');
  await knex.schema.alterTable('audit_log', (table) => table.boolean('outside_corridors').notNullable().defaultTo(false));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('audit_log', (table) => table.dropColumn('outside_corridors'));
  await knex.raw('DROP INDEX IF EXISTS alerts_unacknowledged');
  await knex.schema.alterTable('alerts', (table) => {
    table.dropColumn('acknowledged_by');
    table.dropColumn('acknowledged_by_label');
    table.dropColumn('acknowledgement_comment');
  });
}
