/**
 * Micro-benchmarks of the per-position fence check: one evaluation per iteration, so the reported
 * hz is evaluations per second. Target ≥ 50,000/s on one core for a corridor with ~10 zones.
 * - the Kasungu corridor with 10 zones, with and without look-ahead, and with the breach tracker;
 * - scaling: 10, 100, 1,000 and 10,000 zones (geofences/test/scaling-zones.ts), the compiled evaluator
 *   (reporting every zone, and `report: 'near'`) beside a naive loop over every zone with turf
 *   (booleanPointInPolygon + pointToLineDistance).
 * Run: npx vitest bench --run geofences/evaluate-position.bench.ts (test/bench/geofence-scaling.ts prints
 * the same comparison as a table, with PostGIS beside it).
 */
import { bench, describe } from 'vitest';
import { BreachTracker } from './breach-tracker.ts';
import { compileZones } from './compile-zones.ts';
import type { PositionSample } from './position-assessment.ts';
import { aerodrome, at, corridor, offset, town, wildlife } from './test/kasungu.ts';
import { naiveEvaluator, scalingSamples, scalingZones } from './test/scaling-zones.ts';
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
// The same samples flying at 15 m/s on assorted headings, so the 10 s look-ahead leg (150 m) is checked too.
const movingSamples: PositionSample[] = samples.map((sample, i) => ({
  ...sample, velocity: { northMps: 15 * Math.cos(i), eastMps: 15 * Math.sin(i), downMps: (i % 5) - 2 },
}));

describe(`evaluate: ${zones.length} zones (Kasungu corridor)`, () => {
  let i = 0;
  bench('evaluator.evaluate(sample)', () => {
    evaluator.evaluate(samples[i++ & 4095] as PositionSample);
  }, { time: 2000 });

  let k = 0;
  bench('evaluator.evaluate(sample with velocity): 10 s look-ahead', () => {
    evaluator.evaluate(movingSamples[k++ & 4095] as PositionSample);
  }, { time: 2000 });

  let j = 0;
  let tracker = new BreachTracker();
  bench('evaluate (with velocity) + BreachTracker.update', () => {
    if ((j & 4095) === 0) tracker = new BreachTracker(); // time must not run backwards for the tracker
    tracker.update(evaluator.evaluate(movingSamples[j++ & 4095] as PositionSample));
  }, { time: 2000 });
});

const scalingPositions = scalingSamples(1024);
for (const count of [10, 100, 1000, 10_000]) {
  describe(`scaling: ${count} zones`, () => {
    const compiled = compileZones(scalingZones(count));
    const near = compileZones(scalingZones(count), { report: 'near' });
    const naive = naiveEvaluator(scalingZones(count));
    let i = 0;
    bench(`compileZones(${count}).evaluate: every zone's verdict (R-tree + exact tests, look-ahead on)`, () => {
      compiled.evaluate(scalingPositions[i++ & 1023] as PositionSample);
    }, { time: 1000 });
    let k = 0;
    bench(`compileZones(${count}, { report: 'near' }).evaluate: the zones nearby`, () => {
      near.evaluate(scalingPositions[k++ & 1023] as PositionSample);
    }, { time: 1000 });
    let j = 0;
    bench(`naive turf loop over ${count} zones`, () => {
      naive(scalingPositions[j++ & 1023] as PositionSample);
    }, { time: 1000, iterations: 5 });
  });
}
