import { describe, expect, it } from 'vitest';
import { aerodrome, corridor, town, wildlife } from './test/kasungu.ts';
import type { Zone } from './zone.ts';
import { zonesFromGeoJson } from './zones-from-geojson.ts';
import { zonesToGeoJson } from './zones-to-geojson.ts';

const split: Zone = {
  ...aerodrome, id: 'taveuni-split', name: 'Split at the antimeridian',
  shape: {
    type: 'polygon',
    polygon: {
      type: 'MultiPolygon',
      coordinates: [
        [[[179.9, -16.9], [180, -16.9], [180, -16.7], [179.9, -16.7], [179.9, -16.9]]],
        [[[-180, -16.9], [-179.9, -16.9], [-179.9, -16.7], [-180, -16.7], [-180, -16.9]]],
      ],
    },
  },
};

describe('zonesToGeoJson / zonesFromGeoJson', () => {
  it('round-trips circles, boxes, holes, MultiPolygons, windows (open ends too) and versions', () => {
    const zones: Zone[] = [
      { ...corridor, version: 4 },
      { ...town, timeWindow: { startMs: Date.UTC(2026, 7, 1, 6), endMs: Date.UTC(2026, 7, 1, 18) } },
      { ...aerodrome, timeWindow: { startMs: Date.UTC(2026, 8, 1), endMs: Infinity } },
      { ...wildlife, timeWindow: { startMs: -Infinity, endMs: Date.UTC(2027, 0, 1) } },
      split,
    ];
    const collection = zonesToGeoJson(zones);
    expect(collection.features[0]).toMatchObject({ id: 'kasungu-corridor', geometry: { type: 'Point', coordinates: [33.4686, -13.0146] }, properties: { radiusM: 40_000, version: 4 } });
    expect(collection.features[1]?.properties).toMatchObject({ start: '2026-08-01T06:00:00.000Z', end: '2026-08-01T18:00:00.000Z' });
    expect(collection.features[2]?.properties.end).toBeUndefined();
    expect(zonesFromGeoJson(JSON.parse(JSON.stringify(collection)))).toEqual(zones);
  });

  it('a null window is left out, and reads back as none', () => {
    const [zone] = zonesFromGeoJson(zonesToGeoJson([{ ...town, timeWindow: null }]));
    expect(zone?.timeWindow).toBeUndefined();
  });

  it('takes the id from properties.id or a numeric feature id, the name from the id, marginM 0 by default', () => {
    const [zone] = zonesFromGeoJson({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', id: 12, geometry: { type: 'Point', coordinates: [33.48, -13.03] }, properties: {
        kind: 'exclusion', restriction: 'prohibited', radiusM: 100, altitudeMinM: 0, altitudeMaxM: 60, altitudeReference: 'AGL',
      } }],
    });
    expect(zone).toMatchObject({ id: '12', name: '12', marginM: 0 });
  });

  it('refuses something that is not a FeatureCollection, and never mutates its input', () => {
    expect(() => zonesFromGeoJson({ type: 'Feature' } as unknown as GeoJSON.FeatureCollection)).toThrow(/expected a GeoJSON FeatureCollection/);
    const collection = zonesToGeoJson([wildlife]);
    const copy = structuredClone(collection);
    const [zone] = zonesFromGeoJson(collection);
    if (zone?.shape.type === 'polygon' && zone.shape.polygon.type === 'Polygon') zone.shape.polygon.coordinates[0]?.pop();
    expect(collection).toEqual(copy);
  });

  it('lists every problem in one Error, each with its feature, path and position index', () => {
    let message = '';
    try {
      zonesFromGeoJson({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', id: 'a', geometry: { type: 'Polygon', coordinates: [[[33.4, -13.1], [33.5, -13.1], [33.5, 95], [33.4, -13.1]]] },
            properties: { kind: 'exclusion', restriction: 'prohibited', altitudeMinM: 0, altitudeMaxM: 60, altitudeReference: 'AGL' } },
          { type: 'Feature', id: 'b', geometry: { type: 'Point', coordinates: [33.4, -13.1] },
            properties: { kind: 'exclusion', restriction: 'prohibited', radiusM: 100, altitudeMinM: 90, altitudeMaxM: 60, altitudeReference: 'AGL' } },
        ],
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^zonesFromGeoJson: 2 problems, nothing imported:/);
    expect(message).toMatch(/features\[0\] \("a"\): geometry\.coordinates\[0\] position \[2\] latitude 95 is out of range/);
    expect(message).toMatch(/features\[1\] \("b"\): properties \(altitudeMinM, altitudeMaxM\) minM 90 is above maxM 60/);
  });
});
