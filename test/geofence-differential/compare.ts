/**
 * Tallies of the differential test: the evaluator's verdicts against PostGIS's for every
 * (position, zone) pair. Containment is compared only outside the boundary band (within it, a
 * centimetre of floating point may flip either side); distances are compared everywhere.
 */
import type { PositionAssessment } from '../../geofences/index.ts';
import type { PostgisVerdicts } from './postgis-judge.ts';

export interface DifferentialCounts {
  positions: number;
  /** (position, zone) pairs compared */
  pairs: number;
  /** pairs outside the band whose containment agreed */
  containmentAgreements: number;
  /** pairs outside the band whose containment disagreed */
  containmentDisagreements: number;
  /** pairs within bandM of the boundary by either judge: containment not compared */
  boundaryBandExclusions: number;
  /** pairs with the position inside the zone (by PostGIS) */
  inside: number;
  /** largest |evaluator distance − PostGIS distance| to the boundary, metres */
  maxDistanceDifferenceM: number;
  /** pairs whose distances differ by more than the tolerance */
  distanceDisagreements: number;
  /** the worst pair, for the log */
  worst: { position: [number, number]; zoneId: string; evaluatorM: number; postgisM: number } | null;
}

export function emptyCounts(): DifferentialCounts {
  return {
    positions: 0, pairs: 0, containmentAgreements: 0, containmentDisagreements: 0, boundaryBandExclusions: 0, inside: 0,
    maxDistanceDifferenceM: 0, distanceDisagreements: 0, worst: null,
  };
}

/** Add one corridor's batch to `counts`: `assessments[i]` and `verdicts[i]` judge `positions[i]`. */
export function tally(counts: DifferentialCounts, positions: readonly [number, number][], assessments: readonly PositionAssessment[],
  verdicts: PostgisVerdicts, bandM: number, toleranceM: number): void {
  counts.positions += positions.length;
  assessments.forEach((assessment, i) => {
    for (const zone of assessment.zones) {
      const postgis = verdicts[i]?.get(zone.zoneId);
      if (!postgis) throw new Error(`PostGIS gave no verdict for zone ${zone.zoneId} at position ${i}`);
      // clearanceM > 0 is the permitted side: inside an inclusion zone, outside an exclusion zone; 0 is on the boundary, inside.
      const isInside = zone.kind === 'inclusion' ? zone.clearanceM >= 0 : zone.clearanceM <= 0;
      const evaluatorM = Math.abs(zone.clearanceM);
      counts.pairs++;
      if (postgis.isInside) counts.inside++;
      const difference = Math.abs(evaluatorM - postgis.distanceM);
      if (difference > counts.maxDistanceDifferenceM) {
        counts.maxDistanceDifferenceM = difference;
        counts.worst = { position: positions[i] as [number, number], zoneId: zone.zoneId, evaluatorM, postgisM: postgis.distanceM };
      }
      if (difference > toleranceM) counts.distanceDisagreements++;
      if (Math.min(evaluatorM, postgis.distanceM) < bandM) counts.boundaryBandExclusions++;
      else if (isInside === postgis.isInside) counts.containmentAgreements++;
      else counts.containmentDisagreements++;
    }
  });
}
