/**
 * The per-position fence check. Zones are compiled once; each sample then queries an R-tree
 * of margin-widened bounding boxes, and only the candidates it returns run the exact
 * point-in-polygon / on-circle test. A sample outside an inclusion zone's box is a breach
 * without that test; every zone still gets its boundary distance, so `clearanceM` is exact.
 * With a velocity, the look-ahead leg's box is queried as well and only zones whose box it
 * touches are checked along the leg (look-ahead.ts).
 */
import RBush from 'rbush';
import { assessZone } from './assess-zone.ts';
import { compileVolumes, type BookedVolume, type ConformanceResult } from './booked-volume.ts';
import { checkSample, copySample } from './check-sample.ts';
import { compileZone, type CompiledZone, type CompileZoneOptions } from './compile-zone.ts';
import { firstBreachOnLeg, legOf, pieceBox, type Leg } from './look-ahead.ts';
import type { PositionAssessment, PositionSample, PredictedBreach, ZoneAssessment, ZoneEvaluator, ZoneStatus } from './position-assessment.ts';
import { validateZone } from './validate-zone.ts';
import { isZoneInForce, type Zone } from './zone.ts';

const MESSAGES = {
  duplicateId: (id: string) => `compileZones: zone id "${id}" appears more than once; ids must be unique (breaches are keyed by zone id)`,
  badLookAhead: (value: unknown) => `compileZones: options.lookAheadS must be a finite number ≥ 0 seconds, got ${String(value)}`,
  badReport: (value: unknown) => `compileZones: options.report must be 'all' or 'near', got ${JSON.stringify(value)}`,
} as const;

/** Options for `compileZones`; every field is optional and its default keeps the behaviour without it. */
export interface CompileZonesOptions extends CompileZoneOptions {
  /** Seconds to look ahead along a sample's velocity for predicted breaches; 0 turns prediction off. Default 10. */
  lookAheadS?: number;
  /**
   * Seconds a climb or descent is extrapolated for in the look-ahead (then held): autopilots level off at their
   * target altitude, so a take-off climb extrapolated for the whole look-ahead predicts ceiling busts that never
   * come. Default: lookAheadS.
   */
  verticalLookAheadS?: number;
  /** Booked volumes to check conformance against on every sample (see `assessConformance`); default none (conformance null). */
  volumes?: readonly BookedVolume[];
  /**
   * 'all' (default): `zones` holds every zone's verdict. 'near': only the zones that can matter at this sample —
   * those whose margin-widened box holds it or its look-ahead leg, and every inclusion zone; an exclusion zone left out
   * is clear and beyond its margin. The cost per sample then follows the zones nearby, not all of them (use it for
   * thousands of zones; `BreachTracker` treats a zone left out as clear).
   */
  report?: 'all' | 'near';
}

interface IndexedBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  index: number;
}

const SEVERITY: Record<ZoneStatus, number> = { clear: 0, approaching: 1, predicted: 2, breach: 3 };

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function isInBox(box: readonly number[], lon: number, lat: number): boolean {
  return lon >= (box[0] as number) && lat >= (box[1] as number) && lon <= (box[2] as number) && lat <= (box[3] as number);
}

/**
 * Validate and compile zones into an evaluator; throws an Error from `validateZone`, for a duplicate zone id, a bad
 * lookAheadS or a bad booked volume. Options: `ignoreFloorAtOrBelowZero` (default true) — a band floor ≤ 0 m is the
 * ground, not a limit; `lookAheadS` (default 10); `volumes` (default none: `conformance` is null); `report` (default 'all').
 * @example compileZones([corridor, town]).evaluate({ lon: 33.47, lat: -13.02, altitudeMslM: 1130, altitudeAglM: 90, timeMs: 0 }).worst // 'clear'
 */
export function compileZones(zones: readonly Zone[], options: CompileZonesOptions = {}): ZoneEvaluator {
  const { lookAheadS = 10, volumes, report = 'all' } = options;
  const verticalLookAheadS = options.verticalLookAheadS ?? lookAheadS;
  if (!Number.isFinite(verticalLookAheadS) || verticalLookAheadS < 0) throw new Error(MESSAGES.badLookAhead(verticalLookAheadS));
  if (typeof lookAheadS !== 'number' || !Number.isFinite(lookAheadS) || lookAheadS < 0) throw new Error(MESSAGES.badLookAhead(lookAheadS));
  if (report !== 'all' && report !== 'near') throw new Error(MESSAGES.badReport(report));
  const seen = new Set<string>();
  for (const zone of zones) {
    validateZone(zone);
    if (seen.has(zone.id)) throw new Error(MESSAGES.duplicateId(zone.id));
    seen.add(zone.id);
  }
  const conformanceOf: ((sample: PositionSample) => ConformanceResult) | null = volumes ? compileVolumes(volumes, options) : null;
  const frozen: readonly Zone[] = deepFreeze(zones.map((zone) => structuredClone(zone)));
  const compiled: CompiledZone[] = frozen.map((zone) => compileZone(zone, options));
  const tree = new RBush<IndexedBox>();
  tree.load(compiled.map(({ searchBox: [minX, minY, maxX, maxY] }, index) => ({ minX, minY, maxX, maxY, index })));
  const everyIndex = compiled.map((_, i) => i);
  const inclusionIndices = everyIndex.filter((i) => compiled[i]?.zone.kind === 'inclusion');
  // Per-evaluator scratch: which zones the current sample's R-tree queries returned (point box, leg box).
  const pointStamp = new Uint32Array(compiled.length);
  const legStamp = new Uint32Array(compiled.length);
  let stamp = 0;
  const query = { minX: 0, minY: 0, maxX: 0, maxY: 0 };

  /** Stamp the zones whose box holds the position (pointStamp) or touches one of `boxes` (legStamp); returns the latter's indices. */
  function markCandidates(lon: number, lat: number, boxes: readonly (readonly number[])[]): number[] {
    stamp = stamp === 0xffffffff ? 1 : stamp + 1;
    if (stamp === 1) {
      pointStamp.fill(0);
      legStamp.fill(0);
    }
    const hits: number[] = [];
    for (const [west = lon, south = lat, east = lon, north = lat] of boxes) {
      query.minX = west;
      query.minY = south;
      query.maxX = east;
      query.maxY = north;
      for (const { index } of tree.search(query)) {
        if (legStamp[index] === stamp) continue;
        legStamp[index] = stamp;
        hits.push(index);
        if (isInBox((compiled[index] as CompiledZone).searchBox, lon, lat)) pointStamp[index] = stamp;
      }
    }
    return hits;
  }

  function judge(zone: CompiledZone, i: number, sample: PositionSample, leg: Leg | null, predicted: PredictedBreach[]): ZoneAssessment {
    const { lon, lat } = sample;
    const inForce = isZoneInForce(zone.zone, sample.timeMs);
    const altitudeM = zone.zone.band.reference === 'AGL' ? sample.altitudeAglM : sample.altitudeMslM;
    // Outside the widened box means outside the zone and beyond its margin: no exact test needed.
    const isInside = pointStamp[i] === stamp && zone.contains(lon, lat);
    const assessment = assessZone(zone, { isInside, distanceM: zone.distanceToBoundaryM(lon, lat), altitudeM });
    if (!inForce) return { ...assessment, status: 'clear', limit: null, horizontalExcursionM: 0, verticalExcursionM: 0, inForce: false };
    if (leg && assessment.status !== 'breach' && legStamp[i] === stamp) {
      const breach = firstBreachOnLeg(zone, leg, altitudeM);
      if (breach) {
        assessment.status = 'predicted';
        assessment.limit = breach.limit;
        predicted.push(breach);
      }
    }
    return assessment;
  }

  function evaluate(input: PositionSample): PositionAssessment {
    checkSample(input);
    const sample = copySample(input);
    const { lon, lat, timeMs } = sample;
    const leg = legOf(sample, lookAheadS, verticalLookAheadS);
    const hits = markCandidates(lon, lat, leg ? leg.pieces.map(pieceBox) : [[lon, lat, lon, lat]]);
    const indices = report === 'all' ? everyIndex : nearIndices(hits, inclusionIndices, legStamp, stamp);
    const assessments = new Array<ZoneAssessment>(indices.length);
    const predicted: PredictedBreach[] = [];
    let worst: ZoneStatus = 'clear';
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k] as number;
      const assessment = judge(compiled[i] as CompiledZone, i, sample, leg, predicted);
      assessments[k] = assessment;
      if (SEVERITY[assessment.status] > SEVERITY[worst]) worst = assessment.status;
    }
    predicted.sort((a, b) => a.inSeconds - b.inSeconds);
    return { timeMs, zones: assessments, worst, sample, predicted, conformance: conformanceOf ? conformanceOf(sample) : null };
  }

  return { evaluate, zones: frozen };
}

/** Compile-order indices of the R-tree hits and every inclusion zone, each once. */
function nearIndices(hits: number[], inclusionIndices: readonly number[], hitStamp: Uint32Array, stamp: number): number[] {
  for (const i of inclusionIndices) if (hitStamp[i] !== stamp) hits.push(i);
  return hits.sort((a, b) => a - b);
}
