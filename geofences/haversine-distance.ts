/**
 * Great-circle distance on turf's sphere (radius 6,371,008.8 m, the IUGG mean radius), kept
 * allocation-free for the per-position hot path. Agrees with `@turf/distance` in metres.
 */
import { earthRadius } from '@turf/helpers';

/** Mean earth radius in metres, as used by turf. */
export const EARTH_RADIUS_M: number = earthRadius;

const RAD = Math.PI / 180;

/**
 * Great-circle distance in metres between two [lon, lat] positions given in degrees; never throws.
 * @example haversineDistanceM(33.4686, -13.0146, 33.483, -13.034) // ≈ 2,650 m (Kasungu aerodrome → town)
 */
export function haversineDistanceM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const sinDLat = Math.sin(((lat2 - lat1) * RAD) / 2);
  const sinDLon = Math.sin(((lon2 - lon1) * RAD) / 2);
  const a = sinDLat * sinDLat + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * sinDLon * sinDLon;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Metres along a meridian expressed as degrees of latitude; never throws. @example metresToLatitudeDeg(111_195) // ≈ 1 */
export function metresToLatitudeDeg(metres: number): number {
  return metres / EARTH_RADIUS_M / RAD;
}
