/**
 * Zones as a GeoJSON FeatureCollection in the form `zonesFromGeoJson` reads, so the two
 * round-trip: polygons as they are, circles as a Point with `radiusM` (exact; use
 * `zoneToPolygon` for a drawable polygon), time-window ends as ISO 8601 UTC strings.
 */
import type { Zone } from './zone.ts';

/** Properties of one exported zone feature (see zones-from-geojson.ts for their meaning). */
export interface ZoneFeatureProperties {
  name: string;
  kind: Zone['kind'];
  restriction: Zone['restriction'];
  altitudeMinM: number;
  altitudeMaxM: number;
  altitudeReference: Zone['band']['reference'];
  marginM: number;
  radiusM?: number;
  start?: string;
  end?: string;
  version?: number;
}

function propertiesOf(zone: Zone): ZoneFeatureProperties {
  const window = zone.timeWindow;
  return {
    name: zone.name, kind: zone.kind, restriction: zone.restriction,
    altitudeMinM: zone.band.minM, altitudeMaxM: zone.band.maxM, altitudeReference: zone.band.reference, marginM: zone.marginM,
    ...(zone.shape.type === 'circle' ? { radiusM: zone.shape.radiusM } : {}),
    // An open end (±Infinity) is left out: JSON has no infinity, and an absent end reads back as open.
    ...(window && Number.isFinite(window.startMs) ? { start: new Date(window.startMs).toISOString() } : {}),
    ...(window && Number.isFinite(window.endMs) ? { end: new Date(window.endMs).toISOString() } : {}),
    ...(zone.version !== undefined ? { version: zone.version } : {}),
  };
}

/**
 * A FeatureCollection of `zones` ([lon, lat]; feature id = zone id); never throws for valid zones, never mutates them.
 * Round-trips through `zonesFromGeoJson` except that window ends keep whole milliseconds and a null window is left out.
 * @example zonesToGeoJson([town]).features[0] // { type: 'Feature', id: 'kasungu-town', geometry: { type: 'Point', … }, properties: { radiusM: 1200, … } }
 */
export function zonesToGeoJson(zones: readonly Zone[]): GeoJSON.FeatureCollection<GeoJSON.Polygon | GeoJSON.MultiPolygon | GeoJSON.Point, ZoneFeatureProperties> {
  return {
    type: 'FeatureCollection',
    features: zones.map((zone) => ({
      type: 'Feature',
      id: zone.id,
      geometry: zone.shape.type === 'circle'
        ? { type: 'Point', coordinates: [zone.shape.center[0], zone.shape.center[1]] }
        : structuredClone(zone.shape.polygon),
      properties: propertiesOf(zone),
    })),
  };
}
