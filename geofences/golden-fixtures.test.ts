/**
 * Golden fixtures, turf style: each `test/in/<name>.geojson` (zones, booked volumes and labelled
 * sample points) is evaluated and compared with `test/out/<name>.json`. Run with REGEN_FIXTURES=1 to
 * rewrite the outputs after an intended change, then review the diff.
 * - zone: `role: 'zone'` with the Zone's fields as properties (`timeWindow`, a null end being open, and `version` optional);
 * - booked volume: `role: 'volume'`, a (Multi)Polygon with `id`, `band`, `window` ({ startMs, endMs });
 * - sample: `role: 'sample'` with `label`, altitudes, optional `velocity` and `timeMs` (default: 1 s apart).
 */
// Fixture files are test I/O (as in turf's own tests); the library itself stays pure, so the lint rule that bans
// node:* in geofences/ is lifted for these two imports only.
// eslint-disable-next-line no-restricted-imports
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
// eslint-disable-next-line no-restricted-imports
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileZones } from './compile-zones.ts';
import { corridorFromRoute } from './corridor-from-route.ts';
import type { BookedVolume } from './booked-volume.ts';
import type { PositionSample } from './position-assessment.ts';
import type { Zone, ZoneShape } from './zone.ts';

const IN_DIR = fileURLToPath(new URL('./test/in/', import.meta.url));
const OUT_DIR = fileURLToPath(new URL('./test/out/', import.meta.url));
const REGENERATE = process.env.REGEN_FIXTURES === '1';

type FixtureFeature = GeoJSON.Feature<GeoJSON.Point | GeoJSON.LineString | GeoJSON.Polygon | GeoJSON.MultiPolygon, Record<string, unknown>>;

/** Zone shape from a fixture feature: a Point with radiusM is a circle, a LineString with halfWidthM a route corridor. */
function shapeOf(feature: FixtureFeature): ZoneShape {
  const { geometry, properties } = feature;
  switch (geometry.type) {
    case 'Point':
      return { type: 'circle', center: geometry.coordinates as [number, number], radiusM: properties.radiusM as number };
    case 'LineString':
      return { type: 'polygon', polygon: corridorFromRoute(geometry.coordinates as [number, number][], properties.halfWidthM as number) };
    default:
      return { type: 'polygon', polygon: geometry };
  }
}

function zoneOf(feature: FixtureFeature): Zone {
  const { id, name, kind, restriction, band, marginM, timeWindow, version } = feature.properties as unknown as Zone;
  return {
    id, name, kind, restriction, band, marginM, shape: shapeOf(feature),
    ...(timeWindow !== undefined ? { timeWindow: openEnds(timeWindow) } : {}), ...(version !== undefined ? { version } : {}),
  };
}

/** JSON has no infinity: a null window end in a fixture is an open end. */
function openEnds(window: Zone['timeWindow']): Zone['timeWindow'] {
  return window ? { startMs: window.startMs ?? -Infinity, endMs: window.endMs ?? Infinity } : window;
}

function volumeOf(feature: FixtureFeature): BookedVolume {
  const { id, band, window } = feature.properties as unknown as BookedVolume;
  return { id, band, window, area: feature.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon };
}

/** Round every number to the millimetre so outputs are stable across floating-point noise. */
function rounded(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' ? Math.round(v * 1000) / 1000 + 0 : v)));
}

function run(input: GeoJSON.FeatureCollection): unknown {
  const features = input.features as FixtureFeature[];
  const volumes = features.filter((f) => f.properties.role === 'volume').map(volumeOf);
  const evaluator = compileZones(features.filter((f) => f.properties.role === 'zone').map(zoneOf), volumes.length > 0 ? { volumes } : {});
  const samples = features.filter((f) => f.properties.role === 'sample');
  return rounded({
    zones: evaluator.zones.map((zone) => zone.id),
    samples: samples.map((feature, i) => {
      const [lon = 0, lat = 0] = (feature.geometry as GeoJSON.Point).coordinates;
      const { label, altitudeAglM, altitudeMslM, velocity, timeMs = i * 1000 } = feature.properties as Pick<PositionSample, 'altitudeAglM' | 'altitudeMslM' | 'velocity'>
        & { label: string; timeMs?: number };
      const sample: PositionSample = { lon, lat, altitudeAglM, altitudeMslM, timeMs, ...(velocity ? { velocity } : {}) };
      // The assessment echoes its sample for the breach tracker's evidence; the fixture already shows it.
      const { sample: _echo, ...assessment } = evaluator.evaluate(sample);
      return { label, position: [lon, lat], altitudeAglM, altitudeMslM, ...(velocity ? { velocity } : {}), timeMs, assessment };
    }),
  });
}

describe('golden fixtures (test/in → test/out)', () => {
  for (const file of readdirSync(IN_DIR).filter((name) => name.endsWith('.geojson')).sort()) {
    it(file, () => {
      const actual = run(JSON.parse(readFileSync(IN_DIR + file, 'utf8')) as GeoJSON.FeatureCollection);
      const outPath = OUT_DIR + file.replace(/\.geojson$/, '.json');
      if (REGENERATE) writeFileSync(outPath, `${JSON.stringify(actual, null, 2)}\n`);
      const expected: unknown = JSON.parse(readFileSync(outPath, 'utf8'));
      expect(actual).toEqual(expected);
    });
  }
});
