/**
 * The per-position fence check's input and output types. Distances are metres on the sphere,
 * positions GeoJSON [lon, lat] degrees, times milliseconds supplied by the caller.
 */
import type { ConformanceResult } from './booked-volume.ts';
import type { Zone, ZoneKind } from './zone.ts';

/** One position sample in degrees and metres. AGL is taken from relative altitude (height above home) — no terrain data. */
export interface PositionSample {
  lon: number;
  lat: number;
  altitudeMslM: number;
  altitudeAglM: number;
  /** Velocity in m/s, north/east/down as MAVLink reports it; when present the evaluator looks ahead along it. */
  velocity?: { northMps: number; eastMps: number; downMps: number };
  timeMs: number;
}

/**
 * Severity of one zone at one position, from least to most severe: clear < approaching < predicted < breach.
 * 'predicted': not in breach now, but the look-ahead leg along the velocity enters a breach.
 */
export type ZoneStatus = 'clear' | 'approaching' | 'predicted' | 'breach';

/** Which limit of a zone is breached, approached or predicted to be breached. */
export type ZoneLimit = 'horizontal' | 'ceiling' | 'floor';

/** The verdict for one zone at one position; distances in metres. */
export interface ZoneAssessment {
  zoneId: string;
  kind: ZoneKind;
  status: ZoneStatus;
  /** metres beyond the boundary horizontally when in breach (0 otherwise) */
  horizontalExcursionM: number;
  /** metres beyond the altitude band limit when in breach (0 otherwise) */
  verticalExcursionM: number;
  /** signed horizontal distance to the zone boundary: >0 means on the permitted side */
  clearanceM: number;
  /** which limit is breached/approached/predicted: 'horizontal' | 'ceiling' | 'floor' | null */
  limit: 'horizontal' | 'ceiling' | 'floor' | null;
  /** false when the sample's time is outside the zone's time window: the zone is then 'clear' whatever the position */
  inForce: boolean;
}

/** A breach the look-ahead leg runs into: which zone and limit, and in how many seconds from the sample. */
export interface PredictedBreach {
  zoneId: string;
  limit: ZoneLimit;
  /** seconds from the sample's time to the first point of the leg in breach (0 ≤ inSeconds ≤ lookAheadS) */
  inSeconds: number;
}

/** Every zone's verdict at one sample (in the zones' compile order) and the most severe status. */
export interface PositionAssessment {
  timeMs: number;
  zones: ZoneAssessment[];
  worst: ZoneStatus;
  /** The sample judged (kept by `BreachTracker` as evidence). */
  sample: PositionSample;
  /** Zones not in breach now that the look-ahead leg breaches, soonest first; [] without a velocity. */
  predicted: PredictedBreach[];
  /** Conformance to the booked volumes given as `compileZones(zones, { volumes })`; null when none were given. */
  conformance: ConformanceResult | null;
}

/** A compiled set of zones that judges position samples; built by `compileZones`. */
export interface ZoneEvaluator {
  /** Judge one sample against every zone; throws an Error when lon/lat/altitudes/velocity are not finite or out of range. */
  evaluate(sample: PositionSample): PositionAssessment;
  /** The zones as compiled (frozen copies), in input order. */
  readonly zones: readonly Zone[];
}
