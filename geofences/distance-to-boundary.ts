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
import { EARTH_RADIUS_M, haversineDistanceM } from './haversine-distance.ts';

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
 * How much wider than the planar best an edge may be and still be re-measured, as a factor on squared planar
 * distance. The plane scales longitude by cos(lat) of the position, so a point Δφ (radians) away in latitude is off
 * by a relative ≈ |tan(lat)|·Δφ (plus (d/R)² from curvature): any edge within ((1 + e)/(1 − e))² of the best may be
 * the true nearest. Doubled for safety and capped at CANDIDATE_FACTOR, whose generosity serves high latitudes.
 */
function candidateFactor(lat: number, bestPlanarDeg2: number): number {
  const reachRad = Math.sqrt(bestPlanarDeg2) * RAD * 1.25;
  const error = Math.abs(Math.tan(lat * RAD)) * reachRad + reachRad * reachRad + 1e-9;
  if (error >= 0.1) return CANDIDATE_FACTOR;
  return Math.min(CANDIDATE_FACTOR, ((1 + error) / (1 - error)) ** 2);
}

/**
 * Whether re-solving with the mid-latitude scale can move the result by a millimetre or more: the parameter shifts by
 * a relative ≈ |tan(lat)|·Δφ and the distance by about d·(|tan(lat)|·Δφ)², negligible near the boundary or the equator.
 */
function isRefinementWorthIt(lat: number, bestPlanarDeg2: number): boolean {
  const reachRad = Math.sqrt(bestPlanarDeg2) * RAD * 1.25;
  const shift = Math.abs(Math.tan(lat * RAD)) * reachRad;
  return reachRad * EARTH_RADIUS_M * shift * shift >= 0.001;
}

/**
 * Metres from [lon, lat] (degrees) to the nearest of `segments` (from `boundarySegments`); Infinity when there are none;
 * never throws. Two passes: planar distances to every edge (into `scratch`, one slot per edge, allocated when not
 * given), then haversine for the edges that may be the nearest — few for a far polygon, whose edges all lie at
 * nearly the same planar distance but whose plane is nearly exact.
 * @example distanceToBoundaryM(boundarySegments({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] }), 0.5, -0.01) // ≈ 1,112 m
 */
export function distanceToBoundaryM(segments: Float64Array, lon: number, lat: number, scratch = new Float64Array(segments.length / 4)): number {
  const cosLat = Math.cos(lat * RAD);
  let bestPlanar = Infinity;
  for (let i = 0, k = 0; i + 3 < segments.length; i += 4, k++) {
    const shift = turnShift(segments, i, lon);
    const dLonA = (segments[i] as number) - lon + shift;
    const dLonB = (segments[i + 2] as number) - lon + shift;
    const dLatA = (segments[i + 1] as number) - lat;
    const dLatB = (segments[i + 3] as number) - lat;
    const t = nearestParameter(dLonA, dLatA, dLonB, dLatB, cosLat);
    const px = (dLonA + t * (dLonB - dLonA)) * cosLat;
    const py = dLatA + t * (dLatB - dLatA);
    const planar = px * px + py * py;
    scratch[k] = planar;
    if (planar < bestPlanar) bestPlanar = planar;
  }
  const limit = bestPlanar * candidateFactor(lat, bestPlanar);
  const refine = isRefinementWorthIt(lat, bestPlanar);
  let bestM = Infinity;
  for (let i = 0, k = 0; i + 3 < segments.length; i += 4, k++) {
    if ((scratch[k] as number) > limit) continue;
    const shift = turnShift(segments, i, lon);
    const dLonA = (segments[i] as number) - lon + shift;
    const dLonB = (segments[i + 2] as number) - lon + shift;
    const dLatA = (segments[i + 1] as number) - lat;
    const dLatB = (segments[i + 3] as number) - lat;
    const t = nearestParameter(dLonA, dLatA, dLonB, dLatB, cosLat);
    bestM = Math.min(bestM, metresAt(lon, lat, dLonA, dLatA, dLonB, dLatB, t));
    // Refine once with the scale halfway to that point: matters only far from the equator, where cos(lat) varies fast.
    if (!refine) continue;
    const cosMid = Math.cos((lat + (dLatA + t * (dLatB - dLatA)) / 2) * RAD);
    bestM = Math.min(bestM, metresAt(lon, lat, dLonA, dLatA, dLonB, dLatB, nearestParameter(dLonA, dLatA, dLonB, dLatB, cosMid)));
  }
  return bestM;
}

/** Degrees to add to edge i's longitudes so that, seen from `lon`, it does not wrap: a turn when it lies across the position's antimeridian. */
function turnShift(segments: Float64Array, i: number, lon: number): number {
  const mid = ((segments[i] as number) + (segments[i + 2] as number)) / 2 - lon;
  return mid > 180 ? -360 : mid < -180 ? 360 : 0;
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
