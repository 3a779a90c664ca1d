/**
 * What is wrong with one GeoJSON position, if anything. GeoJSON positions are [lon, lat]
 * (RFC 7946 §3.1.1); a latitude beyond ±90 whose longitude would be a valid latitude is
 * almost always a [lat, lon] pair, so the message says so.
 */

/** Describe why `position` is not a valid [lon, lat] (optionally with altitude) in degrees, or null when it is; never throws. */
export function positionProblem(position: unknown): string | null {
  if (!Array.isArray(position) || position.length < 2 || position.length > 3) {
    return `must be a [lon, lat] array of 2 (or 3) numbers, got ${JSON.stringify(position)}`;
  }
  const [lon, lat] = position as unknown[];
  if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) {
    return `must hold finite numbers [lon, lat], got ${JSON.stringify(position)}`;
  }
  if (Math.abs(lat) > 90 && Math.abs(lon) <= 90) {
    return `latitude ${lat} is out of range [-90, 90] — likely swapped: GeoJSON positions are [lon, lat], got [${lon}, ${lat}]`;
  }
  if (Math.abs(lat) > 90) return `latitude ${lat} is out of range [-90, 90]`;
  if (Math.abs(lon) > 180) return `longitude ${lon} is out of range [-180, 180]`;
  return null;
}
