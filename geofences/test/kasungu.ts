/**
 * Test zones and samples around Kasungu, Malawi (approximate coordinates: aerodrome FWKG at
 * about 13.01 S, 33.47 E, elevation about 1,058 m). Shared by the unit tests and the benchmark.
 */
import { destination } from '@turf/destination';
import type { PositionSample } from '../position-assessment.ts';
import type { Zone } from '../zone.ts';

/** Approximate ground elevation of the Kasungu launch site, metres MSL. */
export const HOME_MSL_M = 1058;

/** The corridor: 40 km circle round the aerodrome, 400 m AGL ceiling. */
export const corridor: Zone = {
  id: 'kasungu-corridor', name: 'Kasungu corridor: boundary and ceiling', kind: 'inclusion', restriction: 'conditional',
  shape: { type: 'circle', center: [33.4686, -13.0146], radiusM: 40_000 },
  band: { minM: 0, maxM: 400, reference: 'AGL' }, marginM: 200,
};

/** Town centre exclusion: 1.2 km circle, 0–400 m AGL. */
export const town: Zone = {
  id: 'kasungu-town', name: 'Kasungu town centre', kind: 'exclusion', restriction: 'prohibited',
  shape: { type: 'circle', center: [33.483, -13.034], radiusM: 1200 }, band: { minM: 0, maxM: 400, reference: 'AGL' }, marginM: 150,
};

/** Runway surroundings below 120 m AGL: an axis-aligned box, so boundary points are exact in floating point. */
export const aerodrome: Zone = {
  id: 'kasungu-aerodrome', name: 'Kasungu aerodrome surroundings', kind: 'exclusion', restriction: 'authorisation',
  shape: {
    type: 'polygon',
    polygon: { type: 'Polygon', coordinates: [[[33.455, -13.03], [33.48, -13.03], [33.48, -13.0], [33.455, -13.0], [33.455, -13.03]]] },
  },
  band: { minM: 0, maxM: 120, reference: 'AGL' }, marginM: 100,
};

/** A wildlife exclusion with a hole: the ranger-post landing site inside it is permitted. */
export const wildlife: Zone = {
  id: 'kasungu-wildlife', name: 'Wildlife area with ranger-post landing site', kind: 'exclusion', restriction: 'prohibited',
  shape: {
    type: 'polygon',
    polygon: {
      type: 'Polygon',
      coordinates: [
        [[33.3, -12.95], [33.4, -12.95], [33.4, -12.85], [33.3, -12.85], [33.3, -12.95]],
        [[33.34, -12.91], [33.34, -12.89], [33.36, -12.89], [33.36, -12.91], [33.34, -12.91]],
      ],
    },
  },
  band: { minM: 0, maxM: 400, reference: 'AGL' }, marginM: 100,
};

/** A sample at [lon, lat] and `aglM` above home, MSL derived from the home elevation. */
export function at(lon: number, lat: number, aglM: number, timeMs = 0): PositionSample {
  return { lon, lat, altitudeAglM: aglM, altitudeMslM: HOME_MSL_M + aglM, timeMs };
}

/** The [lon, lat] reached from `from` after `metres` on `bearingDeg` (great circle). */
export function offset(from: [number, number], metres: number, bearingDeg: number): [number, number] {
  const [lon, lat] = destination(from, metres, bearingDeg, { units: 'meters' }).geometry.coordinates;
  return [lon as number, lat as number];
}
