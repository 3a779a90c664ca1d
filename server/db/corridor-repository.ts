/** Reads corridors with the zones currently in force, as the API shows them. */
import type { Knex } from 'knex';
import type { CorridorView, ZoneView } from '../contracts/index.ts';

/** A zones row as read with ST_AsGeoJSON geometry (see zone-repository.ts for the version columns). */
export interface ZoneRow {
  id: string;
  corridor_id: string;
  name: string;
  kind: ZoneView['kind'];
  restriction: ZoneView['restriction'];
  geometry: string;
  circle_center: string | null;
  circle_radius_m: number | null;
  altitude_min_m: number;
  altitude_max_m: number;
  altitude_reference: ZoneView['altitudeReference'];
  margin_m: number;
  window_start: Date | null;
  window_end: Date | null;
  version: number;
  is_approximate: boolean;
  note: string | null;
}

/** The API view of a zones row. */
export function toZoneView(row: ZoneRow): ZoneView {
  const center = row.circle_center ? (JSON.parse(row.circle_center) as GeoJSON.Point).coordinates : null;
  return {
    id: row.id,
    corridorId: row.corridor_id,
    name: row.name,
    kind: row.kind,
    restriction: row.restriction,
    geometry: JSON.parse(row.geometry),
    circle: center && row.circle_radius_m !== null ? { center: [center[0]!, center[1]!], radiusM: Number(row.circle_radius_m) } : null,
    altitudeMinM: Number(row.altitude_min_m),
    altitudeMaxM: Number(row.altitude_max_m),
    altitudeReference: row.altitude_reference,
    marginM: Number(row.margin_m),
    windowStartMs: row.window_start ? new Date(row.window_start).getTime() : null,
    windowEndMs: row.window_end ? new Date(row.window_end).getTime() : null,
    version: row.version,
    isApproximate: row.is_approximate,
    note: row.note,
  };
}

/**
 * Every corridor with its current zones, ordered by country then name. With `segmentizeM`,
 * zone geometry comes back with vertices at most that far apart along great circles
 * (ST_Segmentize on geography), so a planar [lon, lat] evaluator draws the same edges PostGIS
 * judges with (the difference is ~1.7 m mid-edge on a 14 km side otherwise). With `atMs`, the zone
 * versions in force at that instant instead of the current ones (an imported log is judged by them).
 */
export async function listCorridors(knex: Knex, options: { segmentizeM?: number; atMs?: number } = {}): Promise<CorridorView[]> {
  const zoneGeometry = options.segmentizeM
    ? knex.raw('ST_AsGeoJSON(ST_Segmentize(geometry::geography, ?)::geometry, 7) as geometry', [options.segmentizeM])
    : knex.raw('ST_AsGeoJSON(geometry, 7) as geometry');
  const corridors = await knex('corridors')
    .select(
      'id', 'slug', 'name', 'country', 'ceiling_m', 'ceiling_reference', 'is_approximate', 'note',
      knex.raw('ST_AsGeoJSON(boundary, 7) as boundary'),
      knex.raw('ST_AsGeoJSON(ST_PointOnSurface(boundary), 7) as center'),
    )
    .orderBy(['country', 'name']);
  const zones: ZoneRow[] = await knex('zones')
    .select(
      'id', 'corridor_id', 'name', 'kind', 'restriction', 'circle_radius_m', 'altitude_min_m', 'altitude_max_m',
      'altitude_reference', 'margin_m', 'window_start', 'window_end', 'version', 'is_approximate', 'note',
      zoneGeometry,
      knex.raw('ST_AsGeoJSON(circle_center, 7) as circle_center'),
    )
    .where((query) => {
      if (options.atMs === undefined) return void query.whereNull('valid_to');
      const at = new Date(options.atMs);
      void query.where('valid_from', '<=', at).where((open) => void open.whereNull('valid_to').orWhere('valid_to', '>', at));
    })
    .orderBy(['corridor_id', 'name']);
  return corridors.map((row) => ({
    id: row.id,
    slug: row.slug,
    name: row.name,
    country: row.country,
    ceilingM: Number(row.ceiling_m),
    ceilingReference: row.ceiling_reference,
    boundary: JSON.parse(row.boundary),
    center: JSON.parse(row.center).coordinates,
    isApproximate: row.is_approximate,
    note: row.note,
    zones: zones.filter((zone) => zone.corridor_id === row.id).map(toZoneView),
  }));
}
