/**
 * Micro-benchmark of the per-position fence check: one evaluation per iteration, so the reported
 * hz is evaluations per second. Target ≥ 50,000/s on one core for a corridor with ~10 zones.
 * Run: npx vitest bench --run geofences/evaluate-position.bench.ts
 */
import { bench, describe } from 'vitest';
import { BreachTracker } from './breach-tracker.ts';
import { compileZones } from './compile-zones.ts';
import type { PositionSample } from './position-assessment.ts';
import { aerodrome, at, corridor, offset, town, wildlife } from './test/kasungu.ts';
import type { Zone } from './zone.ts';

/** Six more exclusions round Kasungu (illustrative): three village circles and three 24-vertex polygons. */
function moreZones(): Zone[] {
  const zones: Zone[] = [];
  for (let i = 0; i < 3; i++) {
    const center = offset([33.4686, -13.0146], 8000 + i * 6000, 60 + i * 110);
    zones.push({ ...town, id: `village-${i}`, name: `Village ${i}`, shape: { type: 'circle', center, radiusM: 600 } });
    const polygonCenter = offset([33.4686, -13.0146], 12_000 + i * 7000, 200 + i * 50);
    const ring = Array.from({ length: 24 }, (_, k) => offset(polygonCenter, k % 2 === 0 ? 1500 : 1100, (k * 360) / 24));
    zones.push({ ...aerodrome, id: `area-${i}`, name: `Area ${i}`, shape: { type: 'polygon', polygon: { type: 'Polygon', coordinates: [[...ring, ring[0] as [number, number]]] } } });
  }
  return zones;
}

const zones = [corridor, town, aerodrome, wildlife, ...moreZones()];
const evaluator = compileZones(zones);

// A deterministic spread of 4,096 samples over the corridor and a little beyond it, 0–450 m AGL.
const samples: PositionSample[] = Array.from({ length: 4096 }, (_, i) => {
  const [lon, lat] = offset([33.4686, -13.0146], ((i * 7919) % 44_000), (i * 137.508) % 360);
  return at(lon, lat, (i * 53) % 450, i * 200);
});

describe(`evaluate: ${zones.length} zones (Kasungu corridor)`, () => {
  let i = 0;
  bench('evaluator.evaluate(sample)', () => {
    evaluator.evaluate(samples[i++ & 4095] as PositionSample);
  }, { time: 2000 });

  let j = 0;
  let tracker = new BreachTracker();
  bench('evaluate + BreachTracker.update', () => {
    if ((j & 4095) === 0) tracker = new BreachTracker(); // time must not run backwards for the tracker
    tracker.update(evaluator.evaluate(samples[j++ & 4095] as PositionSample));
  }, { time: 2000 });
});
