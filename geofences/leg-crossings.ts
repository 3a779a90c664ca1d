/**
 * Where a straight leg (in [lon, lat], as RFC 7946 reads polygon edges) crosses a zone's
 * horizontal boundary, as fractions 0…1 along the leg. Used by the look-ahead: the leg from a
 * position along its velocity, a few hundred metres at most.
 */
import { haversineDistanceM } from './haversine-distance.ts';

const RAD = Math.PI / 180;
/** Bisection steps for a circle crossing: 2^-24 of a leg (under a millimetre for a 10 km leg). */
const BISECTION_STEPS = 24;

/**
 * Fractions s ∈ [0, 1] at which leg A→B meets any edge in `segments` (packed [lonA, latA, lonB, latB]…, as from
 * `boundarySegments`); intersection parameters are affine-invariant, so no metric scaling is needed. A leg running
 * along an edge adds no fraction (the edge is inside, so nothing changes there). Never throws.
 * @example polygonLegCrossings(boundarySegments(square), 0.5, -0.5, 0.5, 0.5) // [0.5]: the leg enters the square at its middle
 */
export function polygonLegCrossings(segments: Float64Array, lonA: number, latA: number, lonB: number, latB: number): number[] {
  const fractions: number[] = [];
  const rx = lonB - lonA;
  const ry = latB - latA;
  const west = Math.min(lonA, lonB);
  const east = Math.max(lonA, lonB);
  const south = Math.min(latA, latB);
  const north = Math.max(latA, latB);
  for (let i = 0; i + 3 < segments.length; i += 4) {
    const cx = segments[i] as number;
    const cy = segments[i + 1] as number;
    const dx = segments[i + 2] as number;
    const dy = segments[i + 3] as number;
    if (Math.max(cx, dx) < west || Math.min(cx, dx) > east || Math.max(cy, dy) < south || Math.min(cy, dy) > north) continue;
    const ex = dx - cx;
    const ey = dy - cy;
    const denominator = rx * ey - ry * ex;
    if (denominator === 0) continue; // parallel, or a zero-length leg
    const qx = cx - lonA;
    const qy = cy - latA;
    const s = (qx * ey - qy * ex) / denominator;
    const u = (qx * ry - qy * rx) / denominator;
    if (s >= 0 && s <= 1 && u >= 0 && u <= 1) fractions.push(s);
  }
  return fractions;
}

/** Root of f on [lo, hi] by bisection, given f(lo) and f(hi) of opposite signs. */
function bisect(f: (s: number) => number, lo: number, hi: number): number {
  const isLowPositive = f(lo) > 0;
  for (let step = 0; step < BISECTION_STEPS; step++) {
    const mid = (lo + hi) / 2;
    if ((f(mid) > 0) === isLowPositive) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Fractions s ∈ [0, 1] at which leg A→B crosses the circle (centre [lon, lat], radius in metres, exact on the sphere);
 * at most two. The distance to the centre along a short leg falls then rises, so the leg is split at its closest
 * approach (found in a plane centred on A) and each half searched by bisection. Never throws.
 * @example circleLegCrossings(33.483, -13.034, 1200, 33.47, -13.034, 33.50, -13.034) // two fractions: in, then out
 */
export function circleLegCrossings(cLon: number, cLat: number, radiusM: number,
  lonA: number, latA: number, lonB: number, latB: number): number[] {
  const f = (s: number): number => haversineDistanceM(cLon, cLat, lonA + s * (lonB - lonA), latA + s * (latB - latA)) - radiusM;
  const cosLat = Math.cos(latA * RAD);
  const vx = (lonB - lonA) * cosLat;
  const vy = latB - latA;
  const lengthSq = vx * vx + vy * vy;
  const closest = lengthSq === 0 ? 0 : Math.min(1, Math.max(0, ((cLon - lonA) * cosLat * vx + (cLat - latA) * vy) / lengthSq));
  const fractions: number[] = [];
  const atStart = f(0);
  const atClosest = f(closest);
  const atEnd = f(1);
  if ((atStart > 0) !== (atClosest > 0)) fractions.push(bisect(f, 0, closest));
  if ((atClosest > 0) !== (atEnd > 0)) fractions.push(bisect(f, closest, 1));
  return fractions;
}
