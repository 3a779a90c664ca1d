/** Reads flights and their telemetry, newest first, paged by opaque cursors. */
import type { Knex } from 'knex';
import type { FlightView, Page, TelemetrySampleView } from '../contracts/index.ts';
import type { VisibilityScope } from '../services/access-policy.ts';
import { encodeCursor } from './page-cursor.ts';
import { whereVisible } from './visibility-filter.ts';

export type FlightCursor = { startedAt: string; id: string };

const ISO_UTC = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

function toFlightView(row: Record<string, any>): FlightView {
  return {
    id: row.id,
    vehicleId: row.vehicle_id,
    systemId: row.system_id,
    aircraftId: row.aircraft_id,
    callsign: row.callsign ?? `SYSID ${row.system_id}`,
    organisationId: row.organisation_id,
    corridorId: row.corridor_id,
    startedAtMs: new Date(row.started_at).getTime(),
    endedAtMs: row.ended_at ? new Date(row.ended_at).getTime() : null,
    endReason: row.end_reason,
    source: row.source,
    sourceName: row.source_name,
    samples: row.samples,
    violations: row.violations,
  };
}

function flightsQuery(knex: Knex) {
  return knex('flights')
    .leftJoin('aircraft', 'aircraft.id', 'flights.aircraft_id')
    .select(
      'flights.*',
      'aircraft.callsign',
      knex.raw(`to_char(flights.started_at AT TIME ZONE 'UTC', ${ISO_UTC}) as started_at_text`),
      knex.raw('(SELECT count(*)::int FROM telemetry WHERE telemetry.flight_id = flights.id) as samples'),
      knex.raw('(SELECT count(*)::int FROM violations WHERE violations.flight_id = flights.id) as violations'),
    );
}

/** One page of the flights `scope` may see, newest first. */
export async function listFlights(knex: Knex, options: { limit: number; cursor: FlightCursor | null; scope: VisibilityScope }): Promise<Page<FlightView>> {
  const query = flightsQuery(knex).orderBy([{ column: 'flights.started_at', order: 'desc' }, { column: 'flights.id', order: 'desc' }]).limit(options.limit + 1);
  whereVisible(query, options.scope, { corridor: 'flights.corridor_id', organisation: 'flights.organisation_id' });
  if (options.cursor) query.whereRaw('(flights.started_at, flights.id) < (?::timestamptz, ?::uuid)', [options.cursor.startedAt, options.cursor.id]);
  const rows = await query;
  const last = rows[options.limit - 1];
  return {
    items: rows.slice(0, options.limit).map(toFlightView),
    nextCursor: rows.length > options.limit && last ? encodeCursor({ startedAt: last.started_at_text, id: last.id }) : null,
  };
}

/** One flight, or null. */
export async function findFlight(knex: Knex, id: string): Promise<FlightView | null> {
  const row = await flightsQuery(knex).where('flights.id', id).first();
  return row ? toFlightView(row) : null;
}

/** A page of a flight's telemetry in time order; the cursor is the last sample's id. */
export async function listTelemetry(knex: Knex, flightId: string, options: { limit: number; afterId: string | null }): Promise<Page<TelemetrySampleView>> {
  const query = knex('telemetry')
    .where({ flight_id: flightId })
    .select('id', 'recorded_at', 'altitude_msl_m', 'altitude_relative_m', 'ground_speed_mps', 'climb_rate_mps', 'heading_deg', 'fence_status',
      knex.raw('ST_X(position) as lon'), knex.raw('ST_Y(position) as lat'))
    .orderBy([{ column: 'recorded_at' }, { column: 'id' }])
    .limit(options.limit + 1);
  if (options.afterId) query.where('id', '>', options.afterId);
  const rows = await query;
  const items = rows.slice(0, options.limit).map((row) => ({
    recordedAtMs: new Date(row.recorded_at).getTime(),
    lon: Number(row.lon),
    lat: Number(row.lat),
    altitudeMslM: Number(row.altitude_msl_m),
    altitudeRelativeM: Number(row.altitude_relative_m),
    groundSpeedMps: Number(row.ground_speed_mps),
    climbRateMps: Number(row.climb_rate_mps),
    headingDeg: Number(row.heading_deg),
    fenceStatus: row.fence_status,
  }));
  return { items, nextCursor: rows.length > options.limit ? encodeCursor({ afterId: String(rows[options.limit - 1].id) }) : null };
}
