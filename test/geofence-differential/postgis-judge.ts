/**
 * The PostGIS side of the differential test: for a batch of positions, every zone of one corridor
 * judged on geography (metres): ST_Covers for containment (boundary included, as the evaluator
 * does) and ST_Distance to the zone's boundary on the sphere (use_spheroid = false: the sphere of
 * the WGS84 mean radius, as turf's — they differ by 3 mm in 6,371 km). One query per batch, the
 * positions passed as two float8 arrays and unnested, so 10,000 positions cost one round trip.
 */
import type { Knex } from 'knex';

/** Per position (in input order), per zone id: inside (ST_Covers) and metres to the boundary. */
export type PostgisVerdicts = Array<Map<string, { isInside: boolean; distanceM: number }>>;

const QUERY = `
  WITH zone AS MATERIALIZED (
    SELECT id, geometry::geography AS area, ST_Boundary(geometry)::geography AS edge
    FROM zones WHERE corridor_id = ? AND valid_to IS NULL
  ), position AS (
    SELECT i, ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography AS point
    FROM unnest(?::float8[], ?::float8[]) WITH ORDINALITY AS t(lon, lat, i)
  )
  SELECT position.i::int AS i, zone.id::text AS zone_id,
         ST_Covers(zone.area, position.point) AS inside,
         ST_Distance(zone.edge, position.point, false) AS distance_m
  FROM position CROSS JOIN zone`;

/** Judge `positions` ([lon, lat]) against every current zone of the corridor, in batches of `batchSize`. */
export async function judgeInPostgis(knex: Knex, corridorId: string, positions: readonly [number, number][], batchSize = 10_000): Promise<PostgisVerdicts> {
  const verdicts: PostgisVerdicts = positions.map(() => new Map());
  for (let start = 0; start < positions.length; start += batchSize) {
    const batch = positions.slice(start, start + batchSize);
    const result = await knex.raw(QUERY, [corridorId, batch.map((p) => p[0]), batch.map((p) => p[1])]);
    for (const row of result.rows as Array<{ i: number; zone_id: string; inside: boolean; distance_m: number }>) {
      verdicts[start + row.i - 1]?.set(row.zone_id, { isInside: row.inside, distanceM: Number(row.distance_m) });
    }
  }
  return verdicts;
}
