/**
 * Accounts and access control: disabled users, role grants shaped by role (corridor for operators
 * and regulators, organisation for partners, neither for admins), server-side sessions, API tokens
 * (both stored only as SHA-256 hashes of their secrets), the audit log, and the organisation an
 * alert concerns (so a partner sees the alerts about its own aircraft).
 */
import type { Knex } from 'knex';

const GRANT_SHAPE = `(role = 'admin' AND corridor_id IS NULL AND organisation_id IS NULL)
  OR (role IN ('operator', 'regulator') AND corridor_id IS NOT NULL AND organisation_id IS NULL)
  OR (role = 'partner' AND organisation_id IS NOT NULL AND corridor_id IS NULL)`;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (table) => {
    table.timestamp('disabled_at', { useTz: true });
    table.timestamp('password_changed_at', { useTz: true });
  });
  await knex.raw('CREATE UNIQUE INDEX users_email_lower ON users (lower(email))');
  await knex.raw(`ALTER TABLE user_roles ADD CONSTRAINT user_roles_grant_shape CHECK (${GRANT_SHAPE})`);
  // The table's own unique constraint treats NULLs as distinct, so it cannot stop a second identical admin grant.
  await knex.raw(`CREATE UNIQUE INDEX user_roles_one_grant ON user_roles (user_id, role,
    coalesce(corridor_id, '00000000-0000-0000-0000-000000000000'), coalesce(organisation_id, '00000000-0000-0000-0000-000000000000'))`);

  await knex.schema.createTable('sessions', (table) => {
    table.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    table.text('secret_hash').notNullable().unique();
    table.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    table.text('csrf_token').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('expires_at', { useTz: true }).notNullable();
    table.timestamp('last_seen_at', { useTz: true }).notNullable();
    table.timestamp('revoked_at', { useTz: true });
    table.text('user_agent');
    table.text('ip');
    table.index(['user_id']);
  });

  await knex.schema.createTable('api_tokens', (table) => {
    table.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    table.text('secret_hash').notNullable().unique();
    table.text('prefix').notNullable();
    table.text('name').notNullable();
    table.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    table.text('role').notNullable().checkIn(['admin', 'operator', 'partner', 'regulator']);
    table.uuid('corridor_id').references('corridors.id');
    table.uuid('organisation_id').references('organisations.id');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('expires_at', { useTz: true });
    table.timestamp('last_used_at', { useTz: true });
    table.timestamp('revoked_at', { useTz: true });
    table.index(['user_id']);
  });
  await knex.raw(`ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_grant_shape CHECK (${GRANT_SHAPE})`);

  await knex.schema.createTable('audit_log', (table) => {
    table.bigIncrements('id');
    table.timestamp('occurred_at', { useTz: true }).notNullable();
    table.uuid('actor_user_id');
    table.uuid('actor_token_id');
    table.text('actor').notNullable();
    table.text('action').notNullable();
    table.text('resource_type').notNullable();
    table.text('resource_id');
    table.specificType('corridor_ids', 'uuid[]').notNullable().defaultTo('{}');
    table.specificType('organisation_ids', 'uuid[]').notNullable().defaultTo('{}');
    table.jsonb('before');
    table.jsonb('after');
    table.text('ip');
    table.index(['occurred_at']);
  });

  await knex.schema.alterTable('alerts', (table) => {
    table.uuid('organisation_id').references('organisations.id');
  });
  await knex.raw('UPDATE alerts SET organisation_id = flights.organisation_id FROM flights WHERE alerts.flight_id = flights.id');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('alerts', (table) => table.dropColumn('organisation_id'));
  await knex.schema.dropTableIfExists('audit_log');
  await knex.schema.dropTableIfExists('api_tokens');
  await knex.schema.dropTableIfExists('sessions');
  await knex.raw('ALTER TABLE user_roles DROP CONSTRAINT IF EXISTS user_roles_grant_shape');
  await knex.raw('DROP INDEX IF EXISTS users_email_lower');
  await knex.raw('DROP INDEX IF EXISTS user_roles_one_grant');
  await knex.schema.alterTable('users', (table) => {
    table.dropColumn('disabled_at');
    table.dropColumn('password_changed_at');
  });
}
