/**
 * Test-slot bookings: each corridor's booking rules, aircraft details partners register, the
 * booking's life (requested → approved | rejected → active → completed, or cancelled) and — in the
 * database itself — the rule that no two approved bookings overlap in time, area and altitude band
 * (nor use one MAVLink system id twice in a corridor at once). A booking names one aircraft, or none:
 * then any of the organisation's aircraft may fly it. A trigger holds the corridor's row
 * lock while it checks, so two approvals racing for one slot are serialised and the second refused
 * with SQLSTATE 23P01, whichever application path made them. Webhooks let partners hear of decisions.
 */
import type { Knex } from 'knex';

const HELD = `('approved', 'active')`;

/** Refuses an approved/active booking that overlaps another one (see the file comment). */
const CHECK_BOOKING_OVERLAP = `
CREATE OR REPLACE FUNCTION bookings_refuse_overlap() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  exclusive boolean;
  winner record;
BEGIN
  IF NEW.status NOT IN ${HELD} THEN
    RETURN NEW;
  END IF;
  -- approved → active (the slot began) changes nothing that was checked.
  IF TG_OP = 'UPDATE' AND OLD.status IN ${HELD} AND OLD.time_window = NEW.time_window AND ST_Equals(OLD.area, NEW.area)
     AND OLD.altitude_min_m = NEW.altitude_min_m AND OLD.altitude_max_m = NEW.altitude_max_m
     AND OLD.aircraft_id IS NOT DISTINCT FROM NEW.aircraft_id THEN
    RETURN NEW;
  END IF;
  -- Serialise every approval in this corridor: the check below then sees the others' commits.
  SELECT whole_corridor_exclusive INTO exclusive FROM corridors WHERE id = NEW.corridor_id FOR UPDATE;
  SELECT b.id, lower(b.time_window) AS starts, upper(b.time_window) AS ends INTO winner
    FROM bookings b
   WHERE b.corridor_id = NEW.corridor_id AND b.id <> NEW.id AND b.status IN ${HELD}
     AND b.time_window && NEW.time_window
     AND (
       -- One MAVLink system id per corridor at a time. A booking without an aircraft covers all its organisation's.
       EXISTS (
         SELECT 1 FROM aircraft x JOIN aircraft y ON x.system_id = y.system_id AND x.id <> y.id
          WHERE x.retired_at IS NULL AND y.retired_at IS NULL
            AND (x.id = NEW.aircraft_id OR (NEW.aircraft_id IS NULL AND x.organisation_id = NEW.organisation_id))
            AND (y.id = b.aircraft_id OR (b.aircraft_id IS NULL AND y.organisation_id = b.organisation_id)))
       OR (exclusive AND (b.is_whole_corridor OR NEW.is_whole_corridor))
       OR (b.altitude_min_m < NEW.altitude_max_m AND NEW.altitude_min_m < b.altitude_max_m
           AND ST_Intersects(b.area, NEW.area) AND NOT ST_Touches(b.area, NEW.area))
     )
   ORDER BY lower(b.time_window)
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'booking overlaps approved booking %', winner.id
      USING ERRCODE = '23P01',
            DETAIL = json_build_object('bookingId', winner.id, 'startsAt', winner.starts, 'endsAt', winner.ends)::text;
  END IF;
  RETURN NEW;
END $$`;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('corridors', (table) => {
    // Local opening hours in the corridor's time zone; daylight_only also needs the sun up (sunrise to sunset at the centre).
    table.time('opens_at').notNullable().defaultTo('06:00');
    table.time('closes_at').notNullable().defaultTo('18:00');
    table.boolean('daylight_only').notNullable().defaultTo(false);
    table.integer('min_lead_minutes').notNullable().defaultTo(60);
    table.integer('min_duration_minutes').notNullable().defaultTo(15);
    table.integer('max_duration_minutes').notNullable().defaultTo(480);
    table.boolean('whole_corridor_exclusive').notNullable().defaultTo(true);
  });
  // Vanuatu's general rule: daylight flying only.
  await knex('corridors').whereIn('slug', ['vanuatu-erromango', 'vanuatu-epi']).update({ daylight_only: true });

  await knex.schema.alterTable('aircraft', (table) => {
    table.text('weight_class').notNullable().defaultTo('2-25kg');
    table.timestamp('retired_at', { useTz: true });
  });

  await knex.schema.alterTable('bookings', (table) => {
    table.boolean('is_whole_corridor').notNullable().defaultTo(false);
    table.text('pilot_in_command');
    table.uuid('requested_by').references('users.id');
    table.uuid('decided_by').references('users.id');
    table.timestamp('decided_at', { useTz: true });
    table.text('decision_reason');
    table.timestamp('updated_at', { useTz: true });
  });
  await knex.raw(`UPDATE bookings SET is_whole_corridor = ST_Equals(bookings.area, corridors.boundary) FROM corridors WHERE bookings.corridor_id = corridors.id`);
  await knex.raw(`ALTER TABLE bookings ADD CONSTRAINT bookings_status CHECK (status IN ('requested', 'approved', 'rejected', 'active', 'completed', 'cancelled'))`);
  await knex.raw('ALTER TABLE bookings ADD CONSTRAINT bookings_band_ordered CHECK (altitude_min_m < altitude_max_m)');
  await knex.raw(`ALTER TABLE bookings ADD CONSTRAINT bookings_window_bounded CHECK (NOT lower_inf(time_window) AND NOT upper_inf(time_window))`);
  await knex.raw(CHECK_BOOKING_OVERLAP);
  await knex.raw(`CREATE TRIGGER bookings_refuse_overlap BEFORE INSERT OR UPDATE OF status, time_window, area, altitude_min_m, altitude_max_m, aircraft_id
    ON bookings FOR EACH ROW EXECUTE FUNCTION bookings_refuse_overlap()`);

  await knex.schema.createTable('webhooks', (table) => {
    table.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    table.uuid('organisation_id').notNullable().references('organisations.id').unique();
    table.text('url').notNullable();
    // HMAC-SHA256 key of the X-Corridor-Signature header; given back only when set.
    table.text('secret').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
  });
  await knex.schema.createTable('webhook_deliveries', (table) => {
    table.bigIncrements('id');
    table.uuid('webhook_id').notNullable().references('webhooks.id').onDelete('CASCADE');
    table.text('event').notNullable();
    table.jsonb('payload').notNullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.integer('last_status');
    table.text('last_error');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('delivered_at', { useTz: true });
    table.index(['webhook_id', 'created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('webhook_deliveries');
  await knex.schema.dropTableIfExists('webhooks');
  await knex.raw('DROP TRIGGER IF EXISTS bookings_refuse_overlap ON bookings');
  await knex.raw('DROP FUNCTION IF EXISTS bookings_refuse_overlap()');
  for (const constraint of ['bookings_status', 'bookings_band_ordered', 'bookings_window_bounded']) {
    await knex.raw(`ALTER TABLE bookings DROP CONSTRAINT IF EXISTS ${constraint}`);
  }
  await knex.schema.alterTable('bookings', (table) => {
    for (const column of ['is_whole_corridor', 'pilot_in_command', 'requested_by', 'decided_by', 'decided_at', 'decision_reason', 'updated_at']) table.dropColumn(column);
  });
  await knex.schema.alterTable('aircraft', (table) => {
    table.dropColumn('weight_class');
    table.dropColumn('retired_at');
  });
  await knex.schema.alterTable('corridors', (table) => {
    for (const column of ['opens_at', 'closes_at', 'daylight_only', 'min_lead_minutes', 'min_duration_minutes', 'max_duration_minutes', 'whole_corridor_exclusive']) table.dropColumn(column);
  });
}
