/**
 * The initial domain schema: corridors and their zones, organisations and people,
 * aircraft, bookings, flights, telemetry, alerts and violations. Geometry is PostGIS in
 * EPSG:4326 with GiST indexes; timestamps are timestamptz (UTC).
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE EXTENSION IF NOT EXISTS postgis');
  await knex.raw('CREATE EXTENSION IF NOT EXISTS btree_gist');

  await knex.schema.createTable('organisations', (table) => {
    table.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    table.text('name').notNullable().unique();
    table.text('kind').notNullable().checkIn(['partner', 'operator', 'regulator', 'platform']);
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('users', (table) => {
    table.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    table.text('email').notNullable().unique();
    table.text('display_name').notNullable();
    table.text('password_hash');
    table.uuid('organisation_id').references('organisations.id');
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('corridors', (table) => {
    table.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    table.text('slug').notNullable().unique();
    table.text('name').notNullable();
    table.text('country').notNullable();
    table.text('timezone').notNullable();
    table.double('ceiling_m').notNullable();
    table.text('ceiling_reference').notNullable().checkIn(['AGL', 'MSL']);
    table.specificType('boundary', 'geometry(MultiPolygon, 4326)').notNullable();
    table.boolean('is_approximate').notNullable().defaultTo(true);
    table.text('note');
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('CREATE INDEX corridors_boundary_gist ON corridors USING gist (boundary)');

  await knex.schema.createTable('user_roles', (table) => {
    table.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    table.text('role').notNullable().checkIn(['admin', 'operator', 'partner', 'regulator']);
    table.uuid('corridor_id').references('corridors.id');
    table.uuid('organisation_id').references('organisations.id');
    table.unique(['user_id', 'role', 'corridor_id', 'organisation_id'], { useConstraint: true });
  });

  await knex.schema.createTable('zones', (table) => {
    table.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    table.uuid('corridor_id').notNullable().references('corridors.id');
    table.text('name').notNullable();
    table.text('kind').notNullable().checkIn(['inclusion', 'exclusion']);
    table.text('restriction').notNullable().checkIn(['prohibited', 'authorisation', 'conditional']);
    table.specificType('geometry', 'geometry(MultiPolygon, 4326)').notNullable();
    table.specificType('circle_center', 'geometry(Point, 4326)');
    table.double('circle_radius_m');
    table.double('altitude_min_m').notNullable();
    table.double('altitude_max_m').notNullable();
    table.text('altitude_reference').notNullable().checkIn(['AGL', 'MSL']);
    table.double('margin_m').notNullable().defaultTo(0);
    table.integer('version').notNullable().defaultTo(1);
    table.timestamp('valid_from', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('valid_to', { useTz: true });
    table.boolean('is_approximate').notNullable().defaultTo(true);
    table.text('note');
    table.check('altitude_min_m <= altitude_max_m', [], 'zones_band_ordered');
  });
  await knex.raw('CREATE INDEX zones_geometry_gist ON zones USING gist (geometry)');
  await knex.raw('CREATE INDEX zones_corridor ON zones (corridor_id) WHERE valid_to IS NULL');

  await knex.schema.createTable('aircraft', (table) => {
    table.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    table.uuid('organisation_id').notNullable().references('organisations.id');
    table.integer('system_id').notNullable().checkBetween([1, 255]);
    table.text('callsign').notNullable();
    table.text('model').notNullable();
    table.text('serial_number').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.index(['system_id']);
  });

  await knex.schema.createTable('bookings', (table) => {
    table.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    table.uuid('corridor_id').notNullable().references('corridors.id');
    table.uuid('organisation_id').notNullable().references('organisations.id');
    table.uuid('aircraft_id').references('aircraft.id');
    table.text('status').notNullable().defaultTo('requested');
    table.specificType('time_window', 'tstzrange').notNullable();
    table.specificType('area', 'geometry(MultiPolygon, 4326)').notNullable();
    table.double('altitude_min_m').notNullable();
    table.double('altitude_max_m').notNullable();
    table.text('altitude_reference').notNullable().checkIn(['AGL', 'MSL']);
    table.text('purpose');
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('CREATE INDEX bookings_area_gist ON bookings USING gist (area)');
  await knex.raw('CREATE INDEX bookings_window_gist ON bookings USING gist (corridor_id, time_window)');

  await knex.schema.createTable('flights', (table) => {
    table.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    table.text('vehicle_id').notNullable();
    table.integer('system_id').notNullable();
    table.uuid('aircraft_id').references('aircraft.id');
    table.uuid('organisation_id').references('organisations.id');
    table.uuid('corridor_id').references('corridors.id');
    table.uuid('booking_id').references('bookings.id');
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('ended_at', { useTz: true });
    table.text('end_reason');
    table.index(['vehicle_id', 'started_at']);
  });

  await knex.schema.createTable('telemetry', (table) => {
    table.bigIncrements('id');
    table.uuid('flight_id').notNullable().references('flights.id');
    table.timestamp('recorded_at', { useTz: true }).notNullable();
    table.specificType('position', 'geometry(Point, 4326)').notNullable();
    table.double('altitude_msl_m').notNullable();
    table.double('altitude_relative_m').notNullable();
    table.double('ground_speed_mps').notNullable();
    table.double('climb_rate_mps').notNullable();
    table.double('heading_deg').notNullable();
    table.text('fence_status').notNullable();
    table.index(['flight_id', 'recorded_at']);
  });
  await knex.raw('CREATE INDEX telemetry_position_gist ON telemetry USING gist (position)');

  await knex.schema.createTable('alerts', (table) => {
    table.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    table.text('kind').notNullable();
    table.text('severity').notNullable().checkIn(['info', 'warning', 'critical']);
    table.text('message').notNullable();
    table.text('vehicle_id').notNullable();
    table.integer('system_id').notNullable();
    table.uuid('flight_id').references('flights.id');
    table.uuid('corridor_id').references('corridors.id');
    table.uuid('zone_id').references('zones.id');
    table.timestamp('raised_at', { useTz: true }).notNullable();
    table.timestamp('acknowledged_at', { useTz: true });
    table.jsonb('details');
    table.index(['raised_at']);
  });

  await knex.schema.createTable('violations', (table) => {
    table.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    table.text('vehicle_id').notNullable();
    table.uuid('flight_id').references('flights.id');
    table.uuid('corridor_id').notNullable().references('corridors.id');
    table.uuid('zone_id').notNullable().references('zones.id');
    table.integer('zone_version').notNullable();
    table.text('limit').notNullable().checkIn(['horizontal', 'ceiling', 'floor']);
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('ended_at', { useTz: true });
    table.specificType('start_position', 'geometry(Point, 4326)').notNullable();
    table.double('max_horizontal_excursion_m').notNullable().defaultTo(0);
    table.double('max_vertical_excursion_m').notNullable().defaultTo(0);
    table.index(['flight_id']);
  });
  await knex.raw('CREATE INDEX violations_start_gist ON violations USING gist (start_position)');
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['violations', 'alerts', 'telemetry', 'flights', 'bookings', 'aircraft', 'zones', 'user_roles', 'corridors', 'users', 'organisations']) {
    await knex.schema.dropTableIfExists(table);
  }
}
