import { describe, expect, it } from 'vitest';
import { compileZones } from './compile-zones.ts';
import { haversineDistanceM } from './haversine-distance.ts';
import { assessOne } from './test/assess-one.ts';
import { aerodrome, at, corridor, offset, town, wildlife } from './test/kasungu.ts';
import type { Zone } from './zone.ts';

// Named horizontal edge cases of the fence check: boundary points, holes, circles, the antimeridian, the poles.

const asInclusion = (zone: Zone): Zone => ({ ...zone, id: `${zone.id}-inclusion`, kind: 'inclusion' });

describe('compileZones: a point exactly on the boundary counts as inside', () => {
  it('on an edge and on a vertex of an exclusion polygon: breach with zero excursion and clearance 0', () => {
    for (const [lon, lat] of [[33.47, -13.0], [33.455, -13.03]] as const) {
      const result = assessOne(aerodrome, at(lon, lat, 80));
      expect(result).toMatchObject({ status: 'breach', limit: 'horizontal', clearanceM: 0 });
      expect(result.horizontalExcursionM).toBeLessThan(1e-6);
      expect(Object.is(result.clearanceM, -0)).toBe(false);
    }
  });

  it('on the edge of an inclusion polygon: not a breach, approaching with clearance 0', () => {
    expect(assessOne(asInclusion(aerodrome), at(33.47, -13.0, 80))).toMatchObject({ status: 'approaching', limit: 'horizontal', clearanceM: 0 });
  });

  it('on a circle: exactly radiusM from the centre is inside', () => {
    const centre: [number, number] = [33.483, -13.034];
    const rim = offset(centre, 1200, 45);
    // The radius is the computed distance itself, so the sample is on the circle to the last bit.
    const exact: Zone = { ...town, shape: { type: 'circle', center: centre, radiusM: haversineDistanceM(...centre, ...rim) } };
    expect(assessOne(exact, at(rim[0], rim[1], 80))).toMatchObject({ status: 'breach', horizontalExcursionM: 0, clearanceM: 0 });
    expect(assessOne({ ...exact, kind: 'inclusion' }, at(rim[0], rim[1], 80))).toMatchObject({ status: 'approaching', clearanceM: 0 });
  });
});

describe('compileZones: polygon with a hole', () => {
  it('inside the hole is outside the zone; distance is to the hole rim', () => {
    const middle = assessOne(wildlife, at(33.35, -12.9, 100));
    expect(middle.status).toBe('clear');
    expect(middle.clearanceM).toBeCloseTo(haversineDistanceM(33.35, -12.9, 33.36, -12.9), 0);
    const nearRim = assessOne(wildlife, at(33.3595, -12.9, 100)); // ≈ 54 m inside the hole from its east rim
    expect(nearRim).toMatchObject({ status: 'approaching', limit: 'horizontal' });
    expect(nearRim.clearanceM).toBeCloseTo(haversineDistanceM(33.3595, -12.9, 33.36, -12.9), 1);
  });

  it('the rim of the hole belongs to the zone, and depth inside the zone counts the hole rim as boundary', () => {
    expect(assessOne(wildlife, at(33.36, -12.9, 100))).toMatchObject({ status: 'breach', clearanceM: 0 });
    const between = assessOne(wildlife, at(33.37, -12.9, 100)); // 0.01° east of the hole, 0.03° west of the outer ring
    expect(between.status).toBe('breach');
    expect(between.horizontalExcursionM).toBeCloseTo(haversineDistanceM(33.37, -12.9, 33.36, -12.9), 1);
  });
});

describe('compileZones: circle zones (exact on the sphere)', () => {
  const centre: [number, number] = [33.4686, -13.0146];

  it('corridor circle: 39.9 km out is approaching, 40.01 km out breaches by ≈ 10 m', () => {
    const near = offset(centre, 39_900, 200);
    expect(assessOne(corridor, at(near[0], near[1], 100))).toMatchObject({ status: 'approaching', limit: 'horizontal' });
    const beyond = offset(centre, 40_010, 200);
    const result = assessOne(corridor, at(beyond[0], beyond[1], 100));
    expect(result).toMatchObject({ status: 'breach', limit: 'horizontal' });
    expect(result.horizontalExcursionM).toBeCloseTo(10, 3);
    expect(result.clearanceM).toBeCloseTo(-10, 3);
  });

  it('far outside the corridor (the R-tree shortcut) still reports the true excursion', () => {
    const far = offset(centre, 90_000, 90);
    expect(assessOne(corridor, at(far[0], far[1], 100)).horizontalExcursionM).toBeCloseTo(50_000, 3);
  });
});

describe('compileZones: the antimeridian', () => {
  // Taveuni, Fiji straddles 180°: an inclusion zone split into two parts (RFC 7946 §3.1.9).
  const taveuni: Zone = {
    id: 'taveuni', name: 'Taveuni (split at 180°)', kind: 'inclusion', restriction: 'conditional',
    shape: {
      type: 'polygon',
      polygon: {
        type: 'MultiPolygon',
        coordinates: [
          [[[179.85, -16.9], [180, -16.9], [180, -16.7], [179.85, -16.7], [179.85, -16.9]]],
          [[[-180, -16.9], [-179.85, -16.9], [-179.85, -16.7], [-180, -16.7], [-180, -16.9]]],
        ],
      },
    },
    band: { minM: 0, maxM: 120, reference: 'AGL' }, marginM: 50,
  };

  it('a split MultiPolygon is one zone: the cut along ±180 is not a boundary', () => {
    for (const lon of [179.99, 180, -180, -179.99]) {
      const result = assessOne(taveuni, at(lon, -16.8, 60));
      expect(result.status).toBe('clear');
      expect(result.clearanceM).toBeCloseTo(haversineDistanceM(0, -16.8, 0, -16.7), 0);
    }
  });

  it('outside either part is a breach measured to the nearest real edge', () => {
    const east = assessOne(taveuni, at(-179.84, -16.8, 60));
    expect(east.status).toBe('breach');
    expect(east.horizontalExcursionM).toBeCloseTo(haversineDistanceM(-179.84, -16.8, -179.85, -16.8), 1);
    expect(assessOne(taveuni, at(179.84, -16.8, 60)).status).toBe('breach');
  });

  it('a circle across 180° needs no split: it is evaluated on the sphere', () => {
    const matei: Zone = { ...town, id: 'matei', shape: { type: 'circle', center: [179.999, -16.8], radiusM: 2000 } };
    const across = assessOne(matei, at(-179.99, -16.8, 60)); // ≈ 1.17 km east across the antimeridian
    expect(across.status).toBe('breach');
    expect(across.horizontalExcursionM).toBeCloseTo(2000 - haversineDistanceM(179.999, -16.8, -179.99, -16.8), 3);
  });

  it('an unsplit polygon drawn across 180° is rejected rather than read as spanning the globe', () => {
    const unsplit: Zone = {
      ...taveuni,
      shape: { type: 'polygon', polygon: { type: 'Polygon', coordinates: [[[179.9, -16.9], [-179.9, -16.9], [-179.9, -16.7], [179.9, -16.7], [179.9, -16.9]]] } },
    };
    expect(() => compileZones([unsplit])).toThrow(/antimeridian/);
  });
});

describe('compileZones: near a pole', () => {
  it('a circle containing the North Pole: the pole and every longitude around it are inside', () => {
    const polar: Zone = { ...corridor, id: 'polar', shape: { type: 'circle', center: [0, 89.9], radiusM: 20_000 } };
    const fromPole = 20_000 - haversineDistanceM(0, 89.9, 0, 90);
    for (const lon of [-180, -90, 0, 123, 180]) expect(assessOne(polar, at(lon, 90, 100)).clearanceM).toBeCloseTo(fromPole, 3);
    // Across the pole on the opposite meridian: 0.2° of arc from the centre, 2.2 km outside.
    const across = assessOne(polar, at(180, 89.9, 100));
    expect(across.status).toBe('breach');
    expect(across.horizontalExcursionM).toBeCloseTo(haversineDistanceM(0, 89.9, 180, 89.9) - 20_000, 3);
  });

  it('a polygon at Alert, Nunavut (82.5° N): containment, margin and the widened search box', () => {
    const alert: Zone = {
      ...aerodrome, id: 'alert',
      shape: { type: 'polygon', polygon: { type: 'Polygon', coordinates: [[[-62.5, 82.45], [-62.0, 82.45], [-62.0, 82.55], [-62.5, 82.55], [-62.5, 82.45]]] } },
    };
    expect(assessOne(alert, at(-62.25, 82.5, 50)).status).toBe('breach');
    const justEast = assessOne(alert, at(-61.994, 82.5, 50)); // 0.006° of longitude ≈ 87 m at 82.5° N
    expect(justEast).toMatchObject({ status: 'approaching', limit: 'horizontal' });
    expect(justEast.clearanceM).toBeCloseTo(haversineDistanceM(-61.994, 82.5, -62.0, 82.5), 1);
  });
});
