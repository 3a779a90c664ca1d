/**
 * A zone's area in SQL: its geometry columns (circles buffered on the geography into 64-gons, as
 * the seeds are, with centre and radius kept), and whether it overlaps its corridor at all — a zone
 * wholly outside is a mistake, most often [lat, lon] positions where GeoJSON wants [lon, lat].
 */
import type { Knex } from 'knex';

/** A zone's area: a GeoJSON (Multi)Polygon, [lon, lat], or a circle (centre [lon, lat], radius in metres). */
export type ZoneArea =
  | { type: 'polygon'; geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon }
  | { type: 'circle'; center: [number, number]; radiusM: number };

/** How an area lies against its corridor's boundary; 'outside-swapped' when it would overlap with lon and lat swapped. */
export type AreaFit = 'overlaps' | 'outside' | 'outside-swapped';

/** The geometry, circle_center and circle_radius_m columns of `area`. */
export function areaColumns(knex: Knex, area: ZoneArea): { geometry: Knex.Raw; circle_center: Knex.Raw | null; circle_radius_m: number | null } {
  if (area.type === 'polygon') {
    // Force2D: GeoJSON positions may carry an altitude; the column is 2D.
    return { geometry: knex.raw('ST_Multi(ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326)))', [JSON.stringify(area.geometry)]), circle_center: null, circle_radius_m: null };
  }
  const [lon, lat] = area.center;
  return {
    geometry: knex.raw(`ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, ?, 'quad_segs=16')::geometry)`, [lon, lat, area.radiusM]),
    circle_center: knex.raw('ST_SetSRID(ST_MakePoint(?, ?), 4326)', [lon, lat]),
    circle_radius_m: area.radiusM,
  };
}

/** How each of `areas` (already valid, see geofences' validateZone) lies against the boundary of corridor `corridorId`, in order. */
export async function fitAreasToCorridor(knex: Knex, corridorId: string, areas: readonly ZoneArea[]): Promise<AreaFit[]> {
  const fits: AreaFit[] = [];
  for (const area of areas) {
    const result = await knex.raw(
      `SELECT ST_Intersects(a.g, c.boundary) AS overlaps, ST_Intersects(ST_FlipCoordinates(a.g), c.boundary) AS swapped
         FROM corridors c, (SELECT ? AS g) a WHERE c.id = ?`,
      [areaColumns(knex, area).geometry, corridorId],
    );
    const row = result.rows[0] as { overlaps: boolean; swapped: boolean } | undefined;
    fits.push(!row || row.overlaps ? 'overlaps' : row.swapped ? 'outside-swapped' : 'outside'); // no row: no such corridor, nothing to judge against
  }
  return fits;
}
