/**
 * The per-position fence check's input and output types. Distances are metres on the sphere,
 * positions GeoJSON [lon, lat] degrees, times milliseconds supplied by the caller.
 */
import type { Zone, ZoneKind } from './zone.ts';

/** One position sample in degrees and metres. AGL is taken from relative altitude (height above home) — no terrain data. */
export interface PositionSample {
  lon: number;
  lat: number;
  altitudeMslM: number;
  altitudeAglM: number;
  /** Carried for look-ahead prediction (later work); unused by the current check. */
  velocity?: { northMps: number; eastMps: number; downMps: number };
  timeMs: number;
}

/** Severity of one zone at one position, from least to most severe: clear < approaching < breach. */
export type ZoneStatus = 'clear' | 'approaching' | 'breach';

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
  /** which limit is breached/approached: 'horizontal' | 'ceiling' | 'floor' | null */
  limit: 'horizontal' | 'ceiling' | 'floor' | null;
}

/** Every zone's verdict at one sample (in the zones' compile order) and the most severe status. */
export interface PositionAssessment {
  timeMs: number;
  zones: ZoneAssessment[];
  worst: ZoneStatus;
}

/** A compiled set of zones that judges position samples; built by `compileZones`. */
export interface ZoneEvaluator {
  /** Judge one sample against every zone; throws an Error when lon/lat/altitudes are not finite or out of range. */
  evaluate(sample: PositionSample): PositionAssessment;
  /** The zones as compiled (frozen copies), in input order. */
  readonly zones: readonly Zone[];
}
