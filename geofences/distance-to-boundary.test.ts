import { pointToLineDistance } from '@turf/point-to-line-distance';
import { describe, expect, it } from 'vitest';
import { boundarySegments, distanceToBoundaryM } from './distance-to-boundary.ts';
import { haversineDistanceM } from './haversine-distance.ts';

type Position = [number, number];

/** Reference: densely sample each edge (straight in [lon, lat], RFC 7946) and take the nearest sample by haversine. */
function bruteForceM(ring: Position[], lon: number, lat: number, samplesPerEdge = 20_000): number {
  let best = Infinity;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [a, b] = [ring[i] as Position, ring[i + 1] as Position];
    for (let k = 0; k <= samplesPerEdge; k++) {
      const t = k / samplesPerEdge;
      best = Math.min(best, haversineDistanceM(lon, lat, a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])));
    }
  }
  return best;
}

/** A deterministic pseudo-random sequence in [0, 1) (no Math.random, so failures reproduce). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function polygon(ring: Position[]): GeoJSON.Polygon {
  return { type: 'Polygon', coordinates: [ring] };
}

/** toleranceM: absolute agreement; near a pole lon/lat-straight edges curve fast and the result may run up to 0.5 % long. */
const places: { name: string; ring: Position[]; spanDeg: number; toleranceM: number; relativeTolerance: number }[] = [
  {
    name: 'Kasungu, Malawi (13° S): a skewed quadrilateral',
    ring: [[33.44, -13.05], [33.5, -13.04], [33.49, -12.99], [33.45, -13.0], [33.44, -13.05]],
    spanDeg: 0.1, toleranceM: 0.01, relativeTolerance: 0,
  },
  {
    name: 'Longyearbyen, Svalbard (78° N)',
    ring: [[15.5, 78.2], [15.8, 78.18], [15.75, 78.26], [15.45, 78.25], [15.5, 78.2]],
    spanDeg: 0.3, toleranceM: 0.01, relativeTolerance: 0,
  },
  {
    name: 'near the North Pole (89.5° N)',
    ring: [[0, 89.4], [40, 89.45], [80, 89.4], [60, 89.6], [10, 89.6], [0, 89.4]],
    spanDeg: 50, toleranceM: 0.01, relativeTolerance: 0.005,
  },
];

describe('distanceToBoundaryM', () => {
  for (const { name, ring, spanDeg, toleranceM, relativeTolerance } of places) {
    it(`matches a brute-force great-circle search over [lon, lat]-straight edges — ${name}`, () => {
      const segments = boundarySegments(polygon(ring));
      const random = lcg(42);
      const [lon0, lat0] = ring[0] as Position;
      for (let i = 0; i < 40; i++) {
        const lon = lon0 - spanDeg * 0.2 + random() * spanDeg * 1.4;
        const lat = Math.min(89.99, lat0 - 0.05 + random() * 0.3);
        const expected = bruteForceM(ring, lon, lat);
        const actual = distanceToBoundaryM(segments, lon, lat);
        expect(Math.abs(actual - expected)).toBeLessThan(toleranceM + relativeTolerance * expected);
      }
    });
  }

  it('agrees with turf pointToLineDistance (great-circle edges) within 0.1 m for short edges at corridor scale', () => {
    const ring: Position[] = [[33.44, -13.05], [33.46, -13.04], [33.47, -13.02], [33.45, -13.01], [33.44, -13.05]];
    const segments = boundarySegments(polygon(ring));
    const random = lcg(7);
    for (let i = 0; i < 50; i++) {
      const lon = 33.42 + random() * 0.07;
      const lat = -13.07 + random() * 0.08;
      const turfM = pointToLineDistance([lon, lat], { type: 'LineString', coordinates: ring }, { units: 'meters' });
      expect(Math.abs(distanceToBoundaryM(segments, lon, lat) - turfM)).toBeLessThan(0.1);
    }
  });

  it('measures across the antimeridian and ignores cut edges lying on lon ±180', () => {
    // Taveuni, Fiji straddles 180°: split into an east and a west part (RFC 7946 §3.1.9).
    const east: Position[] = [[179.85, -16.9], [180, -16.9], [180, -16.7], [179.85, -16.7], [179.85, -16.9]];
    const west: Position[] = [[-180, -16.9], [-179.85, -16.9], [-179.85, -16.7], [-180, -16.7], [-180, -16.9]];
    const segments = boundarySegments({ type: 'MultiPolygon', coordinates: [[east], [west]] });
    expect(segments.length).toBe(6 * 4); // 8 edges, 2 of them cuts along ±180
    // 0.01° from the cut, but the nearest real edges are the north and south sides, 0.1° of latitude away.
    const toSides = haversineDistanceM(0, -16.8, 0, -16.7);
    expect(distanceToBoundaryM(segments, 179.99, -16.8)).toBeCloseTo(toSides, 3);
    expect(distanceToBoundaryM(segments, -179.99, -16.8)).toBeCloseTo(toSides, 3);
    // Outside to the east of the west part: measured to its eastern side across nothing but ocean.
    expect(distanceToBoundaryM(segments, -179.84, -16.8)).toBeCloseTo(haversineDistanceM(-179.84, -16.8, -179.85, -16.8), 3);
    // From the far side of the world's seam: an edge near lon 179.85 seen from lon -179.84 is 0.31° away, not 359.69°.
    expect(distanceToBoundaryM(segments, 179.8, -16.95)).toBeCloseTo(haversineDistanceM(179.8, -16.95, 179.85, -16.9), 3);
  });

  it('is Infinity with no edges and 0 on an edge', () => {
    expect(distanceToBoundaryM(new Float64Array(0), 33.47, -13.02)).toBe(Infinity);
    const segments = boundarySegments(polygon([[33.4, -13.1], [33.5, -13.1], [33.5, -13.0], [33.4, -13.1]]));
    expect(distanceToBoundaryM(segments, 33.45, -13.1)).toBeCloseTo(0, 6);
  });
});
