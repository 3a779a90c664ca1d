/**
 * Zone sets of any size for the scaling benchmarks (geofences/evaluate-position.bench.ts and
 * test/bench/geofence-scaling.ts), and the naive evaluator they are compared with. Seeded, so
 * every run measures the same zones and positions. Illustrative zones round Kasungu, Malawi
 * (approximate coordinates): the 40 km corridor plus N − 1 exclusions — half circles of 300–1,500 m,
 * half 24-vertex star polygons — spread over a 200 km square, as a national geozone set would be.
 */
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { pointToLineDistance } from '@turf/point-to-line-distance';
import type { PositionSample } from '../position-assessment.ts';
import type { Zone } from '../zone.ts';
import { zoneToPolygon } from '../zone-to-polygon.ts';
import { at, corridor, offset } from './kasungu.ts';

const CENTER: [number, number] = [33.4686, -13.0146];
/** Half the side of the square the zones and samples spread over, metres. */
const SPREAD_M = 100_000;

/** A small seeded generator (LCG), uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function placeIn(random: () => number): [number, number] {
  const east = (random() * 2 - 1) * SPREAD_M;
  const north = (random() * 2 - 1) * SPREAD_M;
  return offset(offset(CENTER, Math.abs(east), east >= 0 ? 90 : 270), Math.abs(north), north >= 0 ? 0 : 180);
}

/** `count` zones (the corridor first), deterministic for a seed. */
export function scalingZones(count: number, seed = 1): Zone[] {
  const random = seededRandom(seed);
  const zones: Zone[] = [corridor];
  for (let i = 1; i < count; i++) {
    const center = placeIn(random);
    const sizeM = 300 + random() * 1200;
    const base = { kind: 'exclusion', restriction: 'prohibited', band: { minM: 0, maxM: 120, reference: 'AGL' }, marginM: 100 } as const;
    if (i % 2 === 0) {
      zones.push({ ...base, id: `circle-${i}`, name: `Circle ${i}`, shape: { type: 'circle', center, radiusM: sizeM } });
      continue;
    }
    const ring = Array.from({ length: 24 }, (_, k) => offset(center, k % 2 === 0 ? sizeM : sizeM * 0.7, (k * 360) / 24));
    zones.push({ ...base, id: `star-${i}`, name: `Star ${i}`, shape: { type: 'polygon', polygon: { type: 'Polygon', coordinates: [[...ring, ring[0] as [number, number]]] } } });
  }
  return zones;
}

/** `count` samples spread over the same square, 0–450 m AGL, 1 s apart, each with a 15 m/s velocity in some direction. */
export function scalingSamples(count: number, seed = 2): PositionSample[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const [lon, lat] = placeIn(random);
    const headingRad = random() * 2 * Math.PI;
    return { ...at(lon, lat, random() * 450, i * 1000), velocity: { northMps: 15 * Math.cos(headingRad), eastMps: 15 * Math.sin(headingRad), downMps: 0 } };
  });
}

/**
 * The naive check the compiled evaluator is measured against: for every zone, turf's booleanPointInPolygon and
 * pointToLineDistance to each ring (circles as their 64-gon). Returns per zone [isInside, metres to the boundary].
 */
export function naiveEvaluator(zones: readonly Zone[]): (sample: PositionSample) => Array<[boolean, number]> {
  const prepared = zones.map((zone) => {
    const polygon = zoneToPolygon(zone);
    const rings = (polygon.type === 'Polygon' ? [polygon.coordinates] : polygon.coordinates).flat();
    return { polygon, lines: rings.map((ring): GeoJSON.LineString => ({ type: 'LineString', coordinates: ring })) };
  });
  return (sample) => prepared.map(({ polygon, lines }): [boolean, number] => {
    const point = [sample.lon, sample.lat];
    const isInside = booleanPointInPolygon(point, polygon);
    const distanceM = Math.min(...lines.map((line) => pointToLineDistance(point, line, { units: 'meters' })));
    return [isInside, distanceM];
  });
}
