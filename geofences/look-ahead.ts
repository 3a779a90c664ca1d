/**
 * Look-ahead: the leg the aircraft flies in the next `lookAheadS` seconds if it holds its
 * velocity, and the first moment along it that breaches a zone. The leg is straight in
 * [lon, lat] (as polygon edges are, RFC 7946 §3.1.1), cut at ±180 into pieces; altitude changes
 * at −downMps. Breakpoints (boundary crossings, ceiling and floor crossings) split the leg into
 * intervals whose state is constant, and each interval is judged at its middle — so a leg that
 * crosses a narrow zone is caught even though both its ends are outside.
 */
import type { CompiledZone } from './compile-zone.ts';
import { metresToLatitudeDeg } from './haversine-distance.ts';
import type { PositionSample, PredictedBreach, ZoneLimit } from './position-assessment.ts';

const RAD = Math.PI / 180;

/** One straight piece of the leg: [lon, lat] degrees from A to B, flown from t0 to t1 seconds after the sample. */
export interface LegPiece {
  lonA: number;
  latA: number;
  lonB: number;
  latB: number;
  t0: number;
  t1: number;
}

/** The look-ahead leg: its pieces (one unless it crosses ±180), its duration in s and climb rate in m/s (−downMps). */
export interface Leg {
  pieces: LegPiece[];
  durationS: number;
  climbMps: number;
  /** Seconds the climb or descent is extrapolated for; after that the altitude is held (climbs level off). */
  climbHorizonS: number;
}

/**
 * The leg from `sample` along its velocity for `lookAheadS` seconds (flat-earth offset from the sample, exact enough for
 * a few hundred metres); null without a velocity, with lookAheadS 0 or with a zero velocity. Never throws.
 * @example legOf({ ...at(33.47, -13.02, 90), velocity: { northMps: 0, eastMps: 20, downMps: 0 } }, 10)?.pieces[0].lonB // ≈ 33.4718 (200 m east)
 */
export function legOf(sample: PositionSample, lookAheadS: number, climbHorizonS: number = lookAheadS): Leg | null {
  const velocity = sample.velocity;
  if (!velocity || lookAheadS <= 0) return null;
  const { northMps, eastMps, downMps } = velocity;
  if (northMps === 0 && eastMps === 0 && downMps === 0) return null;
  const { lon, lat } = sample;
  const latB = Math.max(-90, Math.min(90, lat + metresToLatitudeDeg(northMps * lookAheadS)));
  const cosMid = Math.max(1e-6, Math.cos(((lat + latB) / 2) * RAD));
  const dLon = Math.max(-180, Math.min(180, metresToLatitudeDeg(eastMps * lookAheadS) / cosMid));
  const lonB = lon + dLon;
  const leg = { durationS: lookAheadS, climbMps: -downMps, climbHorizonS: Math.min(climbHorizonS, lookAheadS) };
  if (lonB >= -180 && lonB <= 180) return { ...leg, pieces: [{ lonA: lon, latA: lat, lonB, latB, t0: 0, t1: lookAheadS }] };
  // Cut at the antimeridian: the second piece continues from the other side (RFC 7946 §3.1.9).
  const edge = lonB > 180 ? 180 : -180;
  const f = (edge - lon) / dLon;
  const latCut = lat + f * (latB - lat);
  const tCut = f * lookAheadS;
  return {
    ...leg,
    pieces: [
      { lonA: lon, latA: lat, lonB: edge, latB: latCut, t0: 0, t1: tCut },
      { lonA: -edge, latA: latCut, lonB: lonB - 2 * edge, latB, t0: tCut, t1: lookAheadS },
    ],
  };
}

/** [west, south, east, north] of one leg piece. */
export function pieceBox(piece: LegPiece): [number, number, number, number] {
  return [Math.min(piece.lonA, piece.lonB), Math.min(piece.latA, piece.latB), Math.max(piece.lonA, piece.lonB), Math.max(piece.latA, piece.latB)];
}

/** Which limit, if any, is breached at one point: inclusion checks edge, ceiling, floor in that order; exclusion is inside-and-in-band. */
function breachedLimit(zone: CompiledZone, isInside: boolean, altitudeM: number): ZoneLimit | null {
  if (zone.zone.kind === 'exclusion') return isInside && altitudeM <= zone.ceilingM && altitudeM >= zone.floorM ? 'horizontal' : null;
  if (!isInside) return 'horizontal';
  if (altitudeM > zone.ceilingM) return 'ceiling';
  return altitudeM < zone.floorM ? 'floor' : null;
}

/** Times (s) within [t0, t1] and the climb horizon where the altitude, starting at altitudeM and changing at climbMps, meets the ceiling or floor. */
function verticalCrossings(zone: CompiledZone, altitudeM: number, climbMps: number, t0: number, t1: number, horizonS: number): number[] {
  if (climbMps === 0) return [];
  const times: number[] = [];
  for (const limitM of [zone.ceilingM, zone.floorM]) {
    const t = (limitM - altitudeM) / climbMps;
    if (Number.isFinite(t) && t > t0 && t < t1 && t <= horizonS) times.push(t);
  }
  return times;
}

/**
 * The first breach of `zone` along `leg`, or null: `altitudeM` is the sample's altitude in the zone's band reference.
 * Assumes the sample itself is not in breach of the zone. Never throws.
 * @example firstBreachOnLeg(compileZone(narrowZone), legOf(sample, 10)!, 90) // { zoneId: 'pylon-line', limit: 'horizontal', inSeconds: 4.2 }
 */
export function firstBreachOnLeg(zone: CompiledZone, leg: Leg, altitudeM: number): PredictedBreach | null {
  for (const piece of leg.pieces) {
    const duration = piece.t1 - piece.t0;
    const breakpoints = [piece.t0, piece.t1, ...verticalCrossings(zone, altitudeM, leg.climbMps, piece.t0, piece.t1, leg.climbHorizonS)];
    for (const s of zone.legCrossings(piece.lonA, piece.latA, piece.lonB, piece.latB)) breakpoints.push(piece.t0 + s * duration);
    // Only the two ends: nothing changes along this piece, and its start is not in breach (the sample, or where the last piece ended).
    if (breakpoints.length === 2) continue;
    breakpoints.sort((a, b) => a - b);
    for (let i = 0; i + 1 < breakpoints.length; i++) {
      const start = breakpoints[i] as number;
      const end = breakpoints[i + 1] as number;
      if (end <= start) continue;
      const middle = (start + end) / 2;
      const f = duration === 0 ? 0 : (middle - piece.t0) / duration;
      const isInside = zone.contains(piece.lonA + f * (piece.lonB - piece.lonA), piece.latA + f * (piece.latB - piece.latA));
      const limit = breachedLimit(zone, isInside, altitudeM + leg.climbMps * Math.min(middle, leg.climbHorizonS));
      if (limit) return { zoneId: zone.zone.id, limit, inSeconds: start };
    }
  }
  return null;
}
