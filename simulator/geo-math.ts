/**
 * Small spherical-earth helpers for the simulator ([lon, lat] degrees, metres). Flat-earth offsets
 * are fine over one physics step; distances use the haversine formula. Mean earth radius (IUGG).
 */
const EARTH_RADIUS_M = 6_371_008.8;
const RADIANS_PER_DEGREE = Math.PI / 180;

/** A GeoJSON-order position, degrees. */
export type LonLat = readonly [lon: number, lat: number];

/** The point `northM` north and `eastM` east of [lon, lat] (local flat-earth offset). */
export function offsetLonLat(lon: number, lat: number, northM: number, eastM: number): [number, number] {
  const latRad = lat * RADIANS_PER_DEGREE;
  const nextLat = lat + northM / EARTH_RADIUS_M / RADIANS_PER_DEGREE;
  const nextLon = lon + eastM / (EARTH_RADIUS_M * Math.cos(latRad)) / RADIANS_PER_DEGREE;
  return [((nextLon + 540) % 360) - 180, nextLat];
}

/** Great-circle distance in metres between two [lon, lat] points (haversine). */
export function distanceM(from: LonLat, to: LonLat): number {
  const dLat = (to[1] - from[1]) * RADIANS_PER_DEGREE;
  const dLon = (to[0] - from[0]) * RADIANS_PER_DEGREE;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(from[1] * RADIANS_PER_DEGREE) * Math.cos(to[1] * RADIANS_PER_DEGREE) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Initial great-circle bearing from one [lon, lat] point to another, degrees clockwise from north in [0, 360). */
export function bearingDeg(from: LonLat, to: LonLat): number {
  const lat1 = from[1] * RADIANS_PER_DEGREE;
  const lat2 = to[1] * RADIANS_PER_DEGREE;
  const dLon = (to[0] - from[0]) * RADIANS_PER_DEGREE;
  const y = Math.sin(dLon) * Math.cos(lat2);
  const x = Math.cos(lat1) * Math.sin(lat2) - Math.sin(lat1) * Math.cos(lat2) * Math.cos(dLon);
  return normaliseDeg(Math.atan2(y, x) / RADIANS_PER_DEGREE);
}

/** An angle in degrees brought into [0, 360). */
export function normaliseDeg(angleDeg: number): number {
  return ((angleDeg % 360) + 360) % 360;
}

/** Signed smallest turn from one heading to another, degrees in (-180, 180]. */
export function turnDeg(fromDeg: number, toDeg: number): number {
  const difference = normaliseDeg(toDeg - fromDeg);
  return difference > 180 ? difference - 360 : difference;
}
