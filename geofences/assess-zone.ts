/**
 * The verdict for one zone at one position, from horizontal containment, boundary distance
 * and altitude. Boundary and band edges belong to the zone: a point exactly on a polygon edge
 * is inside it, an altitude exactly on minM or maxM is inside the band.
 */
import type { CompiledZone } from './compile-zone.ts';
import type { ZoneAssessment } from './position-assessment.ts';

type Limit = NonNullable<ZoneAssessment['limit']>;

/** Where the position stands relative to one zone: horizontal containment and distance, altitude against the zone's band. */
export interface ZoneGeometryFacts {
  /** Inside or on the boundary horizontally. */
  isInside: boolean;
  /** Unsigned metres to the nearest boundary. */
  distanceM: number;
  /** Altitude in metres in the band's reference (AGL or MSL). */
  altitudeM: number;
}

/** −x without producing −0, so a point on the boundary reports clearance 0, not −0. */
const negate = (x: number): number => (x === 0 ? 0 : -x);

function result(compiled: CompiledZone, status: ZoneAssessment['status'], limit: Limit | null,
  horizontalExcursionM: number, verticalExcursionM: number, clearanceM: number): ZoneAssessment {
  return { zoneId: compiled.zone.id, kind: compiled.zone.kind, status, horizontalExcursionM, verticalExcursionM, clearanceM, limit, inForce: true };
}

function assessInclusion(compiled: CompiledZone, { isInside, distanceM, altitudeM }: ZoneGeometryFacts): ZoneAssessment {
  const ceilingGapM = compiled.ceilingM - altitudeM; // < 0: above the ceiling
  const floorGapM = altitudeM - compiled.floorM; // < 0: below the floor; Infinity when the floor is the ground
  const verticalExcursionM = Math.max(0, -ceilingGapM, -floorGapM);
  if (!isInside) return result(compiled, 'breach', 'horizontal', distanceM, verticalExcursionM, negate(distanceM));
  if (ceilingGapM < 0) return result(compiled, 'breach', 'ceiling', 0, verticalExcursionM, distanceM);
  if (floorGapM < 0) return result(compiled, 'breach', 'floor', 0, verticalExcursionM, distanceM);
  // Inside all limits: approaching the nearest one when it is within the margin (ties favour horizontal).
  let limit: Limit = 'horizontal';
  let gapM = distanceM;
  if (ceilingGapM < gapM) [limit, gapM] = ['ceiling', ceilingGapM];
  if (floorGapM < gapM) [limit, gapM] = ['floor', floorGapM];
  return gapM <= compiled.zone.marginM
    ? result(compiled, 'approaching', limit, 0, 0, distanceM)
    : result(compiled, 'clear', null, 0, 0, distanceM);
}

function assessExclusion(compiled: CompiledZone, { isInside, distanceM, altitudeM }: ZoneGeometryFacts): ZoneAssessment {
  const { marginM } = compiled.zone;
  const clearanceM = isInside ? negate(distanceM) : distanceM;
  const belowCeilingM = compiled.ceilingM - altitudeM; // ≥ 0 and aboveFloorM ≥ 0: inside the band
  const aboveFloorM = altitudeM - compiled.floorM;
  const isInBand = belowCeilingM >= 0 && aboveFloorM >= 0;
  if (isInside && isInBand) {
    // One volume, one breach: always reported against 'horizontal' ("inside the zone"), whichever side it was
    // entered by. Naming the nearest exit instead would switch limits mid-incursion (80 m up, 320 m into a 0–400 m
    // town zone, the ceiling is nearer than the edge) and open a second breach for the same incursion.
    return result(compiled, 'breach', 'horizontal', distanceM, Math.min(belowCeilingM, aboveFloorM), clearanceM);
  }
  if (!isInside && isInBand && distanceM <= marginM) return result(compiled, 'approaching', 'horizontal', 0, 0, clearanceM);
  if (isInside && belowCeilingM < 0 && -belowCeilingM <= marginM) return result(compiled, 'approaching', 'ceiling', 0, 0, clearanceM);
  if (isInside && aboveFloorM < 0 && -aboveFloorM <= marginM) return result(compiled, 'approaching', 'floor', 0, 0, clearanceM);
  return result(compiled, 'clear', null, 0, 0, clearanceM);
}

/**
 * Judge one compiled zone from the position's facts; distances in metres; never throws.
 * @example assessZone(compileZone(town), { isInside: true, distanceM: 300, altitudeM: 120 }).status // 'breach'
 */
export function assessZone(compiled: CompiledZone, facts: ZoneGeometryFacts): ZoneAssessment {
  return compiled.zone.kind === 'inclusion' ? assessInclusion(compiled, facts) : assessExclusion(compiled, facts);
}

