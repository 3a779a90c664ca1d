/**
 * Questions a regulator asks of history, answered by PostGIS over stored telemetry:
 * which flights were inside zone Z (its area and altitude band) in a period, and what a
 * proposed zone would have caught. Positions count when covered by the area (boundary
 * included) and within the band, with AGL taken from relative altitude as everywhere else.
 */
import type { Knex } from 'knex';
import type { ZoneHitView } from '../contracts/index.ts';

export interface ZoneQueryVolume {
  /** GeoJSON Polygon or MultiPolygon, [lon, lat]. */
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon;
  altitudeMinM: number;
  altitudeMaxM: number;
  altitudeReference: 'AGL' | 'MSL';
}

export interface ZoneQueryPeriod {
  fromMs: number;
  toMs: number;
}

/** Flights with positions inside `volume` during `period`, with how many and when. */
export async function findFlightsInVolume(knex: Knex, volume: ZoneQueryVolume, period: ZoneQueryPeriod): Promise<ZoneHitView[]> {
  const altitude = volume.altitudeReference === 'AGL' ? 't.altitude_relative_m' : 't.altitude_msl_m';
  const result = await knex.raw(
    `WITH area AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(?), 4326) AS geometry)
     SELECT f.id AS flight_id, f.system_id, f.corridor_id, a.callsign,
            count(*)::int AS samples, min(t.recorded_at) AS first_at, max(t.recorded_at) AS last_at,
            max(${altitude}) AS max_altitude_m
       FROM telemetry t
       JOIN flights f ON f.id = t.flight_id
       LEFT JOIN aircraft a ON a.id = f.aircraft_id
       CROSS JOIN area
      WHERE t.recorded_at >= ? AND t.recorded_at < ?
        AND ST_Covers(area.geometry, t.position)
        AND ${altitude} BETWEEN ? AND ?
      GROUP BY f.id, f.system_id, f.corridor_id, a.callsign
      ORDER BY min(t.recorded_at)`,
    [JSON.stringify(volume.geometry), new Date(period.fromMs), new Date(period.toMs), volume.altitudeMinM, volume.altitudeMaxM],
  );
  return result.rows.map((row: Record<string, any>) => ({
    flightId: row.flight_id,
    systemId: row.system_id,
    callsign: row.callsign ?? `SYSID ${row.system_id}`,
    corridorId: row.corridor_id,
    samplesInside: row.samples,
    firstInsideAtMs: new Date(row.first_at).getTime(),
    lastInsideAtMs: new Date(row.last_at).getTime(),
    maxAltitudeM: Number(row.max_altitude_m),
  }));
}

/** The stored volume of a zone (any version, by id), or null. */
export async function findZoneVolume(knex: Knex, zoneId: string): Promise<ZoneQueryVolume | null> {
  const row = await knex('zones')
    .where({ id: zoneId })
    .first('altitude_min_m', 'altitude_max_m', 'altitude_reference', knex.raw('ST_AsGeoJSON(geometry) as geometry'));
  if (!row) return null;
  return {
    geometry: JSON.parse(row.geometry),
    altitudeMinM: Number(row.altitude_min_m),
    altitudeMaxM: Number(row.altitude_max_m),
    altitudeReference: row.altitude_reference,
  };
}
