/**
 * Distance from a position to a polygon's boundary, in metres on the sphere.
 *
 * Edges are read as RFC 7946 §3.1.1 says — straight lines in [lon, lat] — the same reading
 * turf's point-in-polygon uses, so the sign (inside/outside) and the distance agree at the
 * edge. The nearest point on each edge is found in an equirectangular plane centred on the
 * position (exact to first order near it); the distance to the few best candidates is then
 * measured with haversine, so the result is a true great-circle distance to a real boundary point.
 * At corridor latitudes it agrees with a brute-force search within a centimetre; within about a
 * degree of a pole, where [lon, lat]-straight edges curve fast, it can run up to ~0.5 % long.
 */
import { haversineDistanceM } from './haversine-distance.ts';

const RAD = Math.PI / 180;
/** Re-measure every edge whose planar squared distance is within this factor of the best (≈ 22 % in distance). */
const CANDIDATE_FACTOR = 1.5;

/**
 * Boundary edges of a (Multi)Polygon, all rings (holes included), packed as [lonA, latA, lonB, latB]…; edges along
 * lon ±180 (antimeridian cuts, RFC 7946 §3.1.9) or along lat ±90 (a polar cap's pole) are artefacts of [lon, lat], not boundary, and are left out. Never throws.
 * @example boundarySegments({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] }).length // 12
 */
export function boundarySegments(polygon: GeoJSON.Polygon | GeoJSON.MultiPolygon): Float64Array {
  const polygons = polygon.type === 'Polygon' ? [polygon.coordinates] : polygon.coordinates;
  const packed: number[] = [];
  for (const rings of polygons) {
    for (const ring of rings) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const [lonA = 0, latA = 0] = ring[i] ?? [];
        const [lonB = 0, latB = 0] = ring[i + 1] ?? [];
        if (lonA === lonB && Math.abs(lonA) === 180) continue;
        if (latA === latB && Math.abs(latA) === 90) continue;
        packed.push(lonA, latA, lonB, latB);
      }
    }
  }
  return new Float64Array(packed);
}

/**
 * Metres from [lon, lat] (degrees) to the nearest of `segments` (from `boundarySegments`); Infinity when there are none; never throws.
 * @example distanceToBoundaryM(boundarySegments({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] }), 0.5, -0.01) // ≈ 1,112 m
 */
export function distanceToBoundaryM(segments: Float64Array, lon: number, lat: number): number {
  const cosLat = Math.cos(lat * RAD);
  let bestPlanar = Infinity;
  let bestM = Infinity;
  for (let i = 0; i + 3 < segments.length; i += 4) {
    let dLonA = (segments[i] as number) - lon;
    let dLonB = (segments[i + 2] as number) - lon;
    // Shift the whole edge by a turn when it lies across the position's antimeridian, so it stays one piece.
    const mid = (dLonA + dLonB) / 2;
    const shift = mid > 180 ? -360 : mid < -180 ? 360 : 0;
    dLonA += shift;
    dLonB += shift;
    const dLatA = (segments[i + 1] as number) - lat;
    const dLatB = (segments[i + 3] as number) - lat;
    const t = nearestParameter(dLonA, dLatA, dLonB, dLatB, cosLat);
    const px = (dLonA + t * (dLonB - dLonA)) * cosLat;
    const py = dLatA + t * (dLatB - dLatA);
    const planar = px * px + py * py;
    if (planar > bestPlanar * CANDIDATE_FACTOR) continue;
    if (planar < bestPlanar) bestPlanar = planar;
    bestM = Math.min(bestM, metresAt(lon, lat, dLonA, dLatA, dLonB, dLatB, t));
    // Refine once with the scale halfway to that point: matters only far from the equator, where cos(lat) varies fast.
    const cosMid = Math.cos((lat + py / 2) * RAD);
    bestM = Math.min(bestM, metresAt(lon, lat, dLonA, dLatA, dLonB, dLatB, nearestParameter(dLonA, dLatA, dLonB, dLatB, cosMid)));
  }
  return bestM;
}

/** Parameter t ∈ [0, 1] of the point of edge A→B (offsets from the position, degrees) nearest the origin, with lon scaled by `cosLat`. */
function nearestParameter(dLonA: number, dLatA: number, dLonB: number, dLatB: number, cosLat: number): number {
  const ax = dLonA * cosLat;
  const vx = dLonB * cosLat - ax;
  const vy = dLatB - dLatA;
  const lengthSq = vx * vx + vy * vy;
  return lengthSq === 0 ? 0 : Math.min(1, Math.max(0, -(ax * vx + dLatA * vy) / lengthSq));
}

function metresAt(lon: number, lat: number, dLonA: number, dLatA: number, dLonB: number, dLatB: number, t: number): number {
  return haversineDistanceM(lon, lat, lon + dLonA + t * (dLonB - dLonA), lat + dLatA + t * (dLatB - dLatA));
}
