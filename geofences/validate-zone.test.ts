import { describe, expect, it } from 'vitest';
import { aerodrome, corridor, town, wildlife } from './test/kasungu.ts';
import { validateZone } from './validate-zone.ts';
import type { Zone } from './zone.ts';

const withRing = (ring: number[][]): Zone => ({ ...aerodrome, shape: { type: 'polygon', polygon: { type: 'Polygon', coordinates: [ring] } } });
/** Bypass the types, as zones read from JSON would. */
const loose = (zone: Record<string, unknown>): Zone => zone as unknown as Zone;

describe('validateZone', () => {
  it('accepts the Kasungu zones (circles, a box, a polygon with a hole)', () => {
    for (const zone of [corridor, town, aerodrome, wildlife]) expect(() => validateZone(zone)).not.toThrow();
  });

  it('rejects swapped coordinates with a message saying likely swapped', () => {
    const swapped: Zone = { ...town, shape: { type: 'circle', center: [-13.034, 33.483 + 90], radiusM: 1200 } };
    expect(() => validateZone(swapped)).toThrow(/zone "kasungu-town": shape\.center latitude 123\.483 .*likely swapped/);
    const swappedRing = withRing([[-13.03, 133.455], [-13.03, 133.48], [-13.0, 133.48], [-13.03, 133.455]]);
    expect(() => validateZone(swappedRing)).toThrow(/coordinates\[0\] position \[0\] .*likely swapped: GeoJSON positions are \[lon, lat\]/);
  });

  it('rejects out-of-range coordinates without claiming a swap when both are off', () => {
    const message = (() => {
      try {
        validateZone({ ...town, shape: { type: 'circle', center: [200, 95], radiusM: 1200 } });
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(message).toMatch(/latitude 95 is out of range/);
    expect(message).not.toMatch(/swapped/);
    expect(() => validateZone({ ...town, shape: { type: 'circle', center: [181, 10], radiusM: 1200 } })).toThrow(/longitude 181 is out of range/);
  });

  it('rejects a band with min above max', () => {
    expect(() => validateZone({ ...town, band: { minM: 400, maxM: 120, reference: 'AGL' } })).toThrow(/zone "kasungu-town": band minM 400 is above maxM 120/);
  });

  it('rejects negative margin and non-positive radius', () => {
    expect(() => validateZone({ ...town, marginM: -1 })).toThrow(/marginM must be ≥ 0 metres, got -1/);
    expect(() => validateZone({ ...town, shape: { type: 'circle', center: [33.483, -13.034], radiusM: -5 } })).toThrow(/shape\.radiusM must be > 0/);
    expect(() => validateZone({ ...town, shape: { type: 'circle', center: [33.483, -13.034], radiusM: 0 } })).toThrow(/shape\.radiusM must be > 0/);
  });

  it('rejects unclosed rings and rings with fewer than 4 positions', () => {
    expect(() => validateZone(withRing([[33.455, -13.03], [33.48, -13.03], [33.48, -13.0], [33.455, -13.0]])))
      .toThrow(/coordinates\[0\] is not closed: first position \[33\.455, -13\.03\] differs from last \[33\.455, -13\]/);
    expect(() => validateZone(withRing([[33.455, -13.03], [33.48, -13.03], [33.455, -13.03]]))).toThrow(/has 3 positions; a linear ring needs at least 4/);
  });

  it('rejects self-intersecting rings: a bow-tie and a vertex touching another edge', () => {
    const bowTie = withRing([[33.455, -13.03], [33.48, -13.0], [33.48, -13.03], [33.455, -13.0], [33.455, -13.03]]);
    expect(() => validateZone(bowTie)).toThrow(/is self-intersecting/);
    const touching = withRing([[33.45, -13.03], [33.49, -13.03], [33.49, -13.0], [33.47, -13.03], [33.45, -13.0], [33.45, -13.03]]);
    expect(() => validateZone(touching)).toThrow(/is self-intersecting/);
    const hole = structuredClone(wildlife);
    if (hole.shape.type === 'polygon' && hole.shape.polygon.type === 'Polygon') {
      hole.shape.polygon.coordinates[1] = [[33.34, -12.91], [33.36, -12.89], [33.36, -12.91], [33.34, -12.89], [33.34, -12.91]];
    }
    expect(() => validateZone(hole)).toThrow(/shape\.polygon\.coordinates\[1\] is self-intersecting/);
  });

  it('rejects zero-area rings and repeated-vertex rings that still close', () => {
    expect(() => validateZone(withRing([[33.45, -13.03], [33.46, -13.02], [33.47, -13.01], [33.45, -13.03]]))).toThrow(/zero area/);
  });

  it('accepts a repeated consecutive vertex (common in exported GeoJSON)', () => {
    expect(() => validateZone(withRing([[33.455, -13.03], [33.48, -13.03], [33.48, -13.03], [33.48, -13.0], [33.455, -13.0], [33.455, -13.03]]))).not.toThrow();
  });

  it('rejects an edge jumping across the antimeridian and asks for a split', () => {
    expect(() => validateZone(withRing([[179.9, -16.9], [-179.9, -16.9], [-179.9, -16.7], [179.9, -16.7], [179.9, -16.9]])))
      .toThrow(/split the polygon at the antimeridian into a MultiPolygon/);
  });

  it('names unknown enums and shapes', () => {
    expect(() => validateZone(loose({ ...town, kind: 'keep-out' }))).toThrow(/kind must be one of 'inclusion', 'exclusion', got "keep-out"/);
    expect(() => validateZone(loose({ ...town, restriction: 'none' }))).toThrow(/restriction must be one of/);
    expect(() => validateZone(loose({ ...town, band: { minM: 0, maxM: 120, reference: 'AMSL' } }))).toThrow(/band\.reference must be one of 'AGL', 'MSL'/);
    expect(() => validateZone(loose({ ...town, shape: { type: 'square' } }))).toThrow(/shape must be \{ type: 'polygon'/);
    expect(() => validateZone(loose({ ...town, shape: { type: 'polygon', polygon: { type: 'Point', coordinates: [0, 0] } } })))
      .toThrow(/shape\.polygon\.type must be a GeoJSON Polygon or MultiPolygon/);
    expect(() => validateZone(loose({ ...town, id: '' }))).toThrow(/zone \(no id\): id must be a non-empty string/);
    expect(() => validateZone(loose({ ...town, band: { minM: 0, maxM: Number.NaN, reference: 'AGL' } }))).toThrow(/band\.maxM must be a finite number/);
  });
});

describe('validateZone: time window and version', () => {
  it('accepts no window, a window, and open ends', () => {
    for (const timeWindow of [undefined, null, { startMs: 0, endMs: 1 }, { startMs: -Infinity, endMs: 5 }, { startMs: 5, endMs: Infinity }]) {
      expect(() => validateZone({ ...town, timeWindow })).not.toThrow();
    }
  });

  it('rejects an empty window and an inverted one, saying which', () => {
    expect(() => validateZone({ ...town, timeWindow: { startMs: 5000, endMs: 5000 } }))
      .toThrow(/zone "kasungu-town": timeWindow is empty: startMs equals endMs \(5000\)/);
    expect(() => validateZone({ ...town, timeWindow: { startMs: 9000, endMs: 1000 } }))
      .toThrow(/timeWindow is inverted: startMs 9000 is after endMs 1000/);
  });

  it('rejects window ends that are not numbers, and a bad version', () => {
    expect(() => validateZone(loose({ ...town, timeWindow: { startMs: '2026-01-01', endMs: 5 } }))).toThrow(/timeWindow\.startMs must be a number of ms/);
    expect(() => validateZone(loose({ ...town, timeWindow: { startMs: Number.NaN, endMs: 5 } }))).toThrow(/timeWindow\.startMs/);
    expect(() => validateZone(loose({ ...town, timeWindow: 5 }))).toThrow(/timeWindow must be null or \{ startMs, endMs \}/);
    expect(() => validateZone({ ...town, version: 0 })).toThrow(/version must be an integer ≥ 1, got 0/);
    expect(() => validateZone({ ...town, version: 2 })).not.toThrow();
  });
});
