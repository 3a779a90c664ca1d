/**
 * The per-position fence check. Zones are compiled once; each sample then queries an R-tree
 * of margin-widened bounding boxes, and only the candidates it returns run the exact
 * point-in-polygon / on-circle test. A sample outside an inclusion zone's box is a breach
 * without that test; every zone still gets its boundary distance, so `clearanceM` is exact.
 */
import RBush from 'rbush';
import { assessZone } from './assess-zone.ts';
import { compileZone, type CompiledZone, type CompileZoneOptions } from './compile-zone.ts';
import type { PositionAssessment, PositionSample, ZoneEvaluator, ZoneStatus } from './position-assessment.ts';
import { validateZone } from './validate-zone.ts';
import type { Zone } from './zone.ts';

const MESSAGES = {
  duplicateId: (id: string) => `compileZones: zone id "${id}" appears more than once; ids must be unique (breaches are keyed by zone id)`,
  badSample: (field: string, value: unknown, range: string) =>
    `evaluate: sample.${field} must be a finite number${range}, got ${String(value)}`,
} as const;

/** Options for `compileZones`. */
export type CompileZonesOptions = CompileZoneOptions;

interface IndexedBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  index: number;
}

const SEVERITY: Record<ZoneStatus, number> = { clear: 0, approaching: 1, breach: 2 };

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function checkSample(sample: PositionSample): void {
  const check = (field: keyof PositionSample, limit: number): void => {
    const value = sample[field];
    if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > limit) {
      throw new Error(MESSAGES.badSample(field, value, Number.isFinite(limit) ? ` in [-${limit}, ${limit}]` : ''));
    }
  };
  check('lon', 180);
  check('lat', 90);
  check('altitudeMslM', Infinity);
  check('altitudeAglM', Infinity);
}

/**
 * Validate and compile zones into an evaluator; throws an Error from `validateZone` or for a duplicate zone id.
 * Options: `ignoreFloorAtOrBelowZero` (default true) — a band floor ≤ 0 m is the ground, not a limit.
 * @example compileZones([corridor, town]).evaluate({ lon: 33.47, lat: -13.02, altitudeMslM: 1130, altitudeAglM: 90, timeMs: 0 }).worst // 'clear'
 */
export function compileZones(zones: readonly Zone[], options: CompileZonesOptions = {}): ZoneEvaluator {
  const seen = new Set<string>();
  for (const zone of zones) {
    validateZone(zone);
    if (seen.has(zone.id)) throw new Error(MESSAGES.duplicateId(zone.id));
    seen.add(zone.id);
  }
  const frozen: readonly Zone[] = deepFreeze(zones.map((zone) => structuredClone(zone)));
  const compiled: CompiledZone[] = frozen.map((zone) => compileZone(zone, options));
  const tree = new RBush<IndexedBox>();
  tree.load(compiled.map(({ searchBox: [minX, minY, maxX, maxY] }, index) => ({ minX, minY, maxX, maxY, index })));
  // Per-evaluator scratch: which zones the current sample's R-tree query returned.
  const candidateStamp = new Uint32Array(compiled.length);
  let stamp = 0;
  const query = { minX: 0, minY: 0, maxX: 0, maxY: 0 };

  function evaluate(sample: PositionSample): PositionAssessment {
    checkSample(sample);
    const { lon, lat } = sample;
    stamp = stamp === 0xffffffff ? 1 : stamp + 1;
    if (stamp === 1) candidateStamp.fill(0);
    query.minX = query.maxX = lon;
    query.minY = query.maxY = lat;
    for (const hit of tree.search(query)) candidateStamp[hit.index] = stamp;
    const assessments = new Array<PositionAssessment['zones'][number]>(compiled.length);
    let worst: ZoneStatus = 'clear';
    for (let i = 0; i < compiled.length; i++) {
      const zone = compiled[i] as CompiledZone;
      // Outside the widened box means outside the zone and beyond its margin: no exact test needed.
      const isInside = candidateStamp[i] === stamp && zone.contains(lon, lat);
      const altitudeM = zone.zone.band.reference === 'AGL' ? sample.altitudeAglM : sample.altitudeMslM;
      const assessment = assessZone(zone, { isInside, distanceM: zone.distanceToBoundaryM(lon, lat), altitudeM });
      assessments[i] = assessment;
      if (SEVERITY[assessment.status] > SEVERITY[worst]) worst = assessment.status;
    }
    return { timeMs: sample.timeMs, zones: assessments, worst };
  }

  return { evaluate, zones: frozen };
}
