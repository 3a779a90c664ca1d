/** What a regulator reviews: a flight's violations with their evidence, and flight statistics by corridor, partner and month. */
import type { Knex } from 'knex';
import type { FlightStatisticsRow, FlightStatisticsView, ViolationView } from '../contracts/index.ts';
import type { VisibilityScope } from '../services/access-policy.ts';
import { whereFlightMatches, type FlightFilter } from './flight-repository.ts';
import { whereVisible } from './visibility-filter.ts';

/** A flight's violations in time order, with the zone version's name and the evidence samples. */
export async function listViolations(knex: Knex, flightId: string): Promise<ViolationView[]> {
  const rows = await knex('violations').join('zones', 'zones.id', 'violations.zone_id').where('violations.flight_id', flightId)
    .orderBy([{ column: 'violations.started_at' }, { column: 'violations.id' }])
    .select('violations.*', 'zones.name as zone_name', knex.raw('ST_X(violations.start_position) as lon'), knex.raw('ST_Y(violations.start_position) as lat'));
  return rows.map((row) => ({
    id: row.id, flightId: row.flight_id, zoneId: row.zone_id, zoneName: row.zone_name, zoneVersion: row.zone_version, limit: row.limit,
    startedAtMs: new Date(row.started_at).getTime(), endedAtMs: row.ended_at ? new Date(row.ended_at).getTime() : null,
    startPosition: [Number(row.lon), Number(row.lat)], maxHorizontalExcursionM: Number(row.max_horizontal_excursion_m),
    maxVerticalExcursionM: Number(row.max_vertical_excursion_m), evidence: (typeof row.evidence === 'string' ? JSON.parse(row.evidence) : row.evidence) ?? [],
  }));
}

const GROUPS = {
  byCorridor: { key: "coalesce(flights.corridor_id::text, 'none')", label: "coalesce(max(corridors.name), 'Outside every corridor')" },
  byPartner: { key: "coalesce(flights.organisation_id::text, 'none')", label: "coalesce(max(organisations.name), 'Unregistered aircraft')" },
  byMonth: { key: `to_char(flights.started_at AT TIME ZONE 'UTC', 'YYYY-MM')`, label: `to_char(flights.started_at AT TIME ZONE 'UTC', 'YYYY-MM')` },
} as const;

/** Flights, flight hours, distance and violations by limit, per corridor, per partner and per month (UTC). */
export async function flightStatistics(knex: Knex, scope: VisibilityScope, filter: FlightFilter): Promise<FlightStatisticsView> {
  const group = async ({ key, label }: { key: string; label: string }): Promise<FlightStatisticsRow[]> => {
    const query = knex('flights')
      .leftJoin('corridors', 'corridors.id', 'flights.corridor_id')
      .leftJoin('organisations', 'organisations.id', 'flights.organisation_id')
      .leftJoin('flight_seals', 'flight_seals.flight_id', 'flights.id')
      .select(
        knex.raw(`${key} as key`), knex.raw(`${label} as label`), knex.raw('count(*)::int as flights'),
        knex.raw(`coalesce(sum(extract(epoch from (coalesce(flights.ended_at, flights.started_at) - flights.started_at))), 0) / 3600 as hours`),
        knex.raw(`coalesce(sum((flight_seals.summary->>'distanceM')::float8), 0) / 1000 as km`),
        ...(['horizontal', 'ceiling', 'floor'] as const).map((limit) => knex.raw(`coalesce(sum((SELECT count(*) FROM violations v WHERE v.flight_id = flights.id AND v."limit" = '${limit}')), 0)::int as ${limit}`)),
      )
      .groupByRaw(key).orderByRaw(key);
    whereVisible(query, scope, { corridor: 'flights.corridor_id', organisation: 'flights.organisation_id' });
    whereFlightMatches(query, filter);
    return (await query).map((row) => ({
      key: row.key, label: row.label, flights: row.flights, flightHours: Math.round(Number(row.hours) * 100) / 100, distanceKm: Math.round(Number(row.km) * 10) / 10,
      violations: { horizontal: row.horizontal, ceiling: row.ceiling, floor: row.floor, total: row.horizontal + row.ceiling + row.floor },
    }));
  };
  return { byCorridor: await group(GROUPS.byCorridor), byPartner: await group(GROUPS.byPartner), byMonth: await group(GROUPS.byMonth) };
}
