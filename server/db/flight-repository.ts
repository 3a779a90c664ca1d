/** Reads flights and their telemetry, newest first, paged by opaque cursors. */
import type { Knex } from 'knex';
import type { FlightView, Page, TelemetrySampleView } from '../contracts/index.ts';
import type { VisibilityScope } from '../services/access-policy.ts';
import { encodeCursor } from './page-cursor.ts';
import { whereVisible } from './visibility-filter.ts';

export type FlightCursor = { startedAt: string; id: string };

const ISO_UTC = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

function toFlightView(row: Record<string, any>): FlightView {
  const summary = row.seal_summary ? (typeof row.seal_summary === 'string' ? JSON.parse(row.seal_summary) : row.seal_summary) : null;
  return {
    organisationName: row.organisation_name ?? null,
    bookingId: row.booking_match ?? null,
    durationS: summary?.durationS ?? null,
    distanceM: summary?.distanceM ?? null,
    maxAltitudeRelativeM: summary?.maxAltitudeRelativeM ?? null,
    maxGroundSpeedMps: summary?.maxGroundSpeedMps ?? null,
    seal: row.seal_hash ? { hash: row.seal_hash, sealedAtMs: Number(row.sealed_at_ms) } : null,
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

/** The approved booking (for the aircraft, or its organisation) in force in the flight's corridor when it took off. */
const BOOKING_MATCH = `(SELECT b.id FROM bookings b WHERE b.corridor_id = flights.corridor_id AND b.organisation_id = flights.organisation_id
  AND (b.aircraft_id = flights.aircraft_id OR b.aircraft_id IS NULL) AND b.status IN ('approved', 'active', 'completed')
  AND b.time_window @> flights.started_at ORDER BY b.aircraft_id NULLS LAST LIMIT 1)`;

function flightsQuery(knex: Knex) {
  return knex('flights')
    .leftJoin('aircraft', 'aircraft.id', 'flights.aircraft_id')
    .leftJoin('organisations', 'organisations.id', 'flights.organisation_id')
    .leftJoin('flight_seals', 'flight_seals.flight_id', 'flights.id')
    .select(
      'flights.*',
      'aircraft.callsign',
      'organisations.name as organisation_name',
      'flight_seals.hash as seal_hash', 'flight_seals.sealed_at_ms', 'flight_seals.summary as seal_summary',
      knex.raw(`${BOOKING_MATCH} as booking_match`),
      knex.raw(`to_char(flights.started_at AT TIME ZONE 'UTC', ${ISO_UTC}) as started_at_text`),
      knex.raw('(SELECT count(*)::int FROM telemetry WHERE telemetry.flight_id = flights.id) as samples'),
      knex.raw('(SELECT count(*)::int FROM violations WHERE violations.flight_id = flights.id) as violations'),
    );
}

/** What a flight search narrows by; all optional. */
export interface FlightFilter {
  corridorId?: string;
  organisationId?: string;
  aircraftId?: string;
  fromMs?: number;
  toMs?: number;
  hasViolations?: boolean;
  booked?: boolean;
}

export type FlightSort = 'newest' | 'oldest' | 'longest' | 'most-violations';

const ORDER: Record<FlightSort, string> = {
  newest: 'flights.started_at DESC, flights.id DESC',
  oldest: 'flights.started_at ASC, flights.id ASC',
  longest: 'coalesce(flights.ended_at, now()) - flights.started_at DESC, flights.id',
  'most-violations': '(SELECT count(*) FROM violations WHERE violations.flight_id = flights.id) DESC, flights.started_at DESC, flights.id',
};

/** Add the filter's conditions to a query over `flights`. */
export function whereFlightMatches<Q extends Knex.QueryBuilder>(query: Q, filter: FlightFilter): Q {
  if (filter.corridorId) query.where('flights.corridor_id', filter.corridorId);
  if (filter.organisationId) query.where('flights.organisation_id', filter.organisationId);
  if (filter.aircraftId) query.where('flights.aircraft_id', filter.aircraftId);
  if (filter.fromMs !== undefined) query.where('flights.started_at', '>=', new Date(filter.fromMs));
  if (filter.toMs !== undefined) query.where('flights.started_at', '<', new Date(filter.toMs));
  if (filter.hasViolations !== undefined) query.whereRaw(`${filter.hasViolations ? '' : 'NOT '}EXISTS (SELECT 1 FROM violations WHERE violations.flight_id = flights.id)`);
  if (filter.booked !== undefined) query.whereRaw(`${BOOKING_MATCH} IS ${filter.booked ? 'NOT ' : ''}NULL`);
  return query;
}

/**
 * One page of the flights `scope` may see. Newest first pages by (start, id); the other orders by
 * offset (an archive changes little while someone pages through it).
 */
export async function listFlights(
  knex: Knex,
  options: { limit: number; cursor: FlightCursor | { offset: string } | null; scope: VisibilityScope; filter?: FlightFilter; sort?: FlightSort },
): Promise<Page<FlightView>> {
  const sort = options.sort ?? 'newest';
  const query = flightsQuery(knex).orderByRaw(ORDER[sort]).limit(options.limit + 1);
  whereVisible(query, options.scope, { corridor: 'flights.corridor_id', organisation: 'flights.organisation_id' });
  whereFlightMatches(query, options.filter ?? {});
  const offset = options.cursor && 'offset' in options.cursor ? Number(options.cursor.offset) : 0;
  if (sort !== 'newest') query.offset(offset);
  else if (options.cursor && 'startedAt' in options.cursor) query.whereRaw('(flights.started_at, flights.id) < (?::timestamptz, ?::uuid)', [options.cursor.startedAt, options.cursor.id]);
  const rows = await query;
  const last = rows[options.limit - 1];
  const hasMore = rows.length > options.limit && last;
  const nextCursor = !hasMore ? null : sort === 'newest' ? encodeCursor({ startedAt: last.started_at_text, id: last.id }) : encodeCursor({ offset: String(offset + options.limit) });
  return { items: rows.slice(0, options.limit).map(toFlightView), nextCursor };
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
