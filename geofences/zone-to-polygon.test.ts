import { describe, expect, it } from 'vitest';
import { compileZones } from './compile-zones.ts';
import { aerodrome, corridor, town } from './test/kasungu.ts';
import { haversineDistanceM } from './haversine-distance.ts';
import { validateZone } from './validate-zone.ts';
import { zoneToPolygon } from './zone-to-polygon.ts';
import type { Zone } from './zone.ts';

const positionsOf = (geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon): GeoJSON.Position[] =>
  (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates).flat(2);

describe('zoneToPolygon', () => {
  it('returns a copy of a polygon zone', () => {
    const polygon = zoneToPolygon(aerodrome);
    expect(polygon).toEqual(aerodrome.shape.type === 'polygon' ? aerodrome.shape.polygon : null);
    expect(polygon).not.toBe(aerodrome.shape.type === 'polygon' ? aerodrome.shape.polygon : null);
  });

  it('turns a circle into a closed 64-gon with every vertex on the circle', () => {
    const polygon = zoneToPolygon(corridor);
    expect(polygon.type).toBe('Polygon');
    const ring = polygon.type === 'Polygon' ? (polygon.coordinates[0] ?? []) : [];
    expect(ring).toHaveLength(65);
    expect(ring[0]).toEqual(ring[64]);
    for (const [lon = 0, lat = 0] of ring) expect(haversineDistanceM(33.4686, -13.0146, lon, lat)).toBeCloseTo(40_000, 3);
    expect(() => validateZone({ ...corridor, shape: { type: 'polygon', polygon } })).not.toThrow();
  });

  it('honours steps and rejects nonsense', () => {
    const polygon = zoneToPolygon(town, { steps: 16 });
    expect(polygon.type === 'Polygon' ? polygon.coordinates[0] : []).toHaveLength(17);
    expect(() => zoneToPolygon(town, { steps: 2 })).toThrow(/steps must be an integer ≥ 3/);
  });

  it('splits a circle across the antimeridian into a valid MultiPolygon within [-180, 180]', () => {
    const matei: Zone = { ...town, id: 'matei', shape: { type: 'circle', center: [179.999, -16.8], radiusM: 2000 } };
    const polygon = zoneToPolygon(matei);
    expect(polygon.type).toBe('MultiPolygon');
    expect(polygon.coordinates).toHaveLength(2);
    for (const [lon = 0] of positionsOf(polygon)) expect(Math.abs(lon)).toBeLessThanOrEqual(180);
    expect(() => validateZone({ ...matei, shape: { type: 'polygon', polygon } })).not.toThrow();
  });

  it('closes a circle that contains a pole over the pole itself', () => {
    const polar: Zone = { ...corridor, id: 'polar', shape: { type: 'circle', center: [30, -89.8], radiusM: 50_000 } };
    const polygon = zoneToPolygon(polar);
    expect(polygon.type).toBe('Polygon');
    const ring = polygon.type === 'Polygon' ? (polygon.coordinates[0] ?? []) : [];
    expect(ring).toContainEqual([180, -90]);
    expect(ring).toContainEqual([-180, -90]);
    for (const [lon = 0] of ring) expect(Math.abs(lon)).toBeLessThanOrEqual(180);
    expect(() => validateZone({ ...polar, shape: { type: 'polygon', polygon } })).not.toThrow();
  });
});

describe('zoneToPolygon output as a polygon zone', () => {
  it('a polar cap evaluates like the circle it came from (the pole edge and ±180 sides are not boundary)', () => {
    const polar: Zone = { ...corridor, id: 'polar', shape: { type: 'circle', center: [30, -89.8], radiusM: 50_000 } };
    const asPolygon: Zone = { ...polar, id: 'polar-polygon', shape: { type: 'polygon', polygon: zoneToPolygon(polar, { steps: 256 }) } };
    const evaluator = compileZones([polar, asPolygon]);
    for (const [lon, lat] of [[0, -90], [180, -89.9], [-170, -89.7], [30, -89.5]] as const) {
      const [circle, polygon] = evaluator.evaluate({ lon, lat, altitudeAglM: 100, altitudeMslM: 100, timeMs: 0 }).zones;
      expect(polygon?.status).toBe(circle?.status);
      // 256 vertices cut inside a 50 km circle by up to 50000 · (1 − cos(π/256)) ≈ 3.8 m.
      expect(Math.abs((polygon?.clearanceM ?? 0) - (circle?.clearanceM ?? 0))).toBeLessThan(4);
    }
  });
});
