/**
 * Past one machine: what several server processes on one PostgreSQL share, and telemetry kept in
 * monthly partitions so that retention drops whole months instead of deleting row by row.
 *
 * - `socket_io_attachments`: the table @socket.io/postgres-adapter keeps payloads over NOTIFY's
 *   8,000-byte limit in (its documented shape). Harmless on the embedded database, which never uses it.
 * - `login_failures_by_account` / `_by_address`: rate-limiter-flexible's PostgreSQL store (its
 *   documented shape), so failed sign-ins are counted across processes.
 * - `telemetry` becomes a table partitioned by range of `recorded_at`, one partition per calendar
 *   month (UTC) plus a DEFAULT partition, so an insert never fails for want of a partition. Existing
 *   rows are copied into the month partitions they belong to. The primary key becomes (id,
 *   recorded_at) because a partitioned table's unique keys must include the partition key; ids still
 *   come from the same sequence. PGlite (PostgreSQL 17) supports declarative partitioning, so both
 *   kinds get the same table.
 * - `telemetry_retention`: each period whose telemetry retention removed, with the rows it held, so
 *   a sealed flight inside it is reported "past retention", not tampered with.
 * - `flight_seals.records_format` / `telemetry_sha256`: seals from now on hash the telemetry on its
 *   own and the flight's records over that digest (format 2), so the other records of a flight can
 *   still be verified after its telemetry is gone. Older seals keep format 1.
 */
import type { Knex } from 'knex';
import { createMonthPartitionSql, monthStartMs } from '../telemetry-partitions.ts';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE TABLE IF NOT EXISTS socket_io_attachments (
    id bigserial UNIQUE, created_at timestamptz DEFAULT now(), payload bytea)`);
  for (const table of ['login_failures_by_account', 'login_failures_by_address']) {
    await knex.raw(`CREATE TABLE IF NOT EXISTS ${table} (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`);
  }

  await knex.raw('ALTER TABLE telemetry RENAME TO telemetry_unpartitioned');
  await knex.raw('ALTER SEQUENCE telemetry_id_seq OWNED BY NONE');
  await knex.raw(`CREATE TABLE telemetry (
    id bigint NOT NULL DEFAULT nextval('telemetry_id_seq'),
    flight_id uuid NOT NULL,
    recorded_at timestamptz NOT NULL,
    position geometry(Point, 4326) NOT NULL,
    altitude_msl_m double precision NOT NULL,
    altitude_relative_m double precision NOT NULL,
    ground_speed_mps double precision NOT NULL,
    climb_rate_mps double precision NOT NULL,
    heading_deg double precision NOT NULL,
    fence_status text NOT NULL
  ) PARTITION BY RANGE (recorded_at)`);
  await knex.raw('ALTER SEQUENCE telemetry_id_seq OWNED BY telemetry.id');
  await knex.raw('CREATE TABLE telemetry_default PARTITION OF telemetry DEFAULT');
  // A partition for every month that holds rows, and for this month and the next.
  const months = await knex.raw<{ rows: Array<{ month_ms: string }> }>(
    "SELECT DISTINCT extract(epoch FROM date_trunc('month', recorded_at AT TIME ZONE 'UTC')) * 1000 AS month_ms FROM telemetry_unpartitioned");
  const starts = new Set(months.rows.map((row) => Number(row.month_ms)));
  const thisMonth = monthStartMs(Date.now());
  starts.add(thisMonth).add(monthStartMs(thisMonth + 32 * 86_400_000));
  for (const startMs of starts) await knex.raw(createMonthPartitionSql(startMs));
  await knex.raw('INSERT INTO telemetry SELECT id, flight_id, recorded_at, position, altitude_msl_m, altitude_relative_m, ground_speed_mps, climb_rate_mps, heading_deg, fence_status FROM telemetry_unpartitioned');
  await knex.raw('DROP TABLE telemetry_unpartitioned');
  await knex.raw('ALTER TABLE telemetry ADD CONSTRAINT telemetry_pkey PRIMARY KEY (id, recorded_at)');
  await knex.raw('ALTER TABLE telemetry ADD CONSTRAINT telemetry_flight_id_foreign FOREIGN KEY (flight_id) REFERENCES flights (id)');
  await knex.raw('CREATE INDEX telemetry_flight_id_recorded_at_index ON telemetry (flight_id, recorded_at)');
  await knex.raw('CREATE INDEX telemetry_position_gist ON telemetry USING gist (position)');

  await knex.schema.createTable('telemetry_retention', (table) => {
    table.bigIncrements('id');
    table.timestamp('period_from', { useTz: true }).notNullable();
    table.timestamp('period_to', { useTz: true }).notNullable();
    table.bigInteger('rows_removed').notNullable();
    table.text('partition_name');
    table.timestamp('removed_at', { useTz: true }).notNullable();
    table.integer('retention_days').notNullable();
  });

  await knex.schema.alterTable('flight_seals', (table) => {
    table.integer('records_format').notNullable().defaultTo(1);
    table.text('telemetry_sha256');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('flight_seals', (table) => {
    table.dropColumn('records_format');
    table.dropColumn('telemetry_sha256');
  });
  await knex.schema.dropTableIfExists('telemetry_retention');
  await knex.raw('CREATE TABLE telemetry_plain (LIKE telemetry INCLUDING DEFAULTS)');
  await knex.raw('INSERT INTO telemetry_plain SELECT * FROM telemetry');
  await knex.raw('ALTER SEQUENCE telemetry_id_seq OWNED BY NONE');
  await knex.raw('DROP TABLE telemetry CASCADE');
  await knex.raw('ALTER TABLE telemetry_plain RENAME TO telemetry');
  await knex.raw('ALTER TABLE telemetry ADD PRIMARY KEY (id)');
  await knex.raw('ALTER SEQUENCE telemetry_id_seq OWNED BY telemetry.id');
  await knex.raw('CREATE INDEX telemetry_flight_id_recorded_at_index ON telemetry (flight_id, recorded_at)');
  await knex.raw('CREATE INDEX telemetry_position_gist ON telemetry USING gist (position)');
  for (const table of ['login_failures_by_account', 'login_failures_by_address', 'socket_io_attachments']) await knex.schema.dropTableIfExists(table);
}
