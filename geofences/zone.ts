/**
 * What a zone is: an area (polygon or circle) with an altitude band, a kind and a margin,
 * aligned with ArduPilot's AC_Fence (inclusion/exclusion, polygon/circle, min/max altitude,
 * margin) and ED-269's restriction classes. Coordinates are GeoJSON [lon, lat] (RFC 7946).
 */

/** Which altitude a band is measured against: above ground (AGL, from relative altitude) or mean sea level (MSL). */
export type AltitudeReference = 'AGL' | 'MSL';

/** Inclusion: the aircraft must stay inside (a corridor). Exclusion: it must stay out (a no-fly area). */
export type ZoneKind = 'inclusion' | 'exclusion';

/** ED-269 style restriction class; carried through, not interpreted by the fence check. */
export type RestrictionClass = 'prohibited' | 'authorisation' | 'conditional';

/** Vertical extent of a zone in metres against `reference`; both edges belong to the band. */
export interface AltitudeBand {
  minM: number;
  maxM: number;
  reference: AltitudeReference;
}

/** Horizontal extent of a zone: a GeoJSON (Multi)Polygon, holes allowed, or a circle on the sphere (centre [lon, lat], radius in metres). */
export type ZoneShape =
  | { type: 'polygon'; polygon: GeoJSON.Polygon | GeoJSON.MultiPolygon }
  | { type: 'circle'; center: [number, number]; radiusM: number };

/**
 * A span of time in milliseconds since the Unix epoch (UTC), half-open: `startMs` belongs to it, `endMs` does not.
 * Either end may be open (`-Infinity` / `Infinity`); a window needs startMs < endMs.
 */
export interface TimeWindow {
  startMs: number;
  endMs: number;
}

/**
 * A geofence zone; `marginM` is the 'approaching' distance in metres, applied horizontally and vertically.
 * `timeWindow` (default null: always in force) limits when the zone applies, as ED-269's applicability does;
 * `version` (default none) is carried through for the record of which version judged a flight, never interpreted.
 */
export interface Zone {
  id: string;
  name: string;
  kind: ZoneKind;
  restriction: RestrictionClass;
  shape: ZoneShape;
  band: AltitudeBand;
  marginM: number;
  timeWindow?: TimeWindow | null;
  version?: number;
}

/**
 * Whether `zone` is in force at `timeMs` (ms since the epoch): always when it has no time window; never throws.
 * @example isZoneInForce({ timeWindow: { startMs: 1000, endMs: 2000 } }, 2000) // false: the end is exclusive
 */
export function isZoneInForce(zone: Pick<Zone, 'timeWindow'>, timeMs: number): boolean {
  const window = zone.timeWindow;
  return !window || (timeMs >= window.startMs && timeMs < window.endMs);
}
