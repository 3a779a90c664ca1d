/**
 * The arithmetic of tamper evidence, pure: a flight's derived records in one canonical form and
 * their SHA-256, the seal's hash over the previous seal's hash, and the flight's summary (duration,
 * great-circle distance, highest and fastest) from its samples. Distances in metres, times in ms.
 */
import { createHash } from 'node:crypto';

/** A flight's stored records, each as an array in a fixed column order (see flight-seal-repository). */
export interface FlightRecords {
  flight: unknown[];
  telemetry: Array<[number, number, number, number, number, number, number, number, string]>;
  violations: unknown[][];
  alerts: unknown[][];
}

export interface FlightSummary {
  durationS: number | null;
  distanceM: number;
  maxAltitudeRelativeM: number | null;
  maxGroundSpeedMps: number | null;
  samples: number;
  violations: number;
}

export const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/**
 * How a seal hashes a flight's records. 1: one SHA-256 over all of them. 2 (seals made since
 * telemetry retention exists): the telemetry's own SHA-256, then one over the other records and that
 * digest — so once retention has removed the telemetry, the rest still verifies against the seal.
 */
export type RecordsFormat = 1 | 2;
export const CURRENT_RECORDS_FORMAT: RecordsFormat = 2;

/** The SHA-256 of a flight's telemetry samples alone (format 2). */
export const hashTelemetry = (telemetry: FlightRecords['telemetry']): string => sha256(JSON.stringify(telemetry));

/**
 * The hash of the records: of their JSON, which is canonical because every record is an array.
 * In format 2 the telemetry enters as its digest; pass `telemetrySha256` (the one the seal kept)
 * to hash a flight whose telemetry is gone.
 */
export function hashRecords(records: FlightRecords, options: { format?: RecordsFormat; telemetrySha256?: string } = {}): string {
  const { format = CURRENT_RECORDS_FORMAT } = options;
  if (format === 1) return sha256(JSON.stringify([records.flight, records.telemetry, records.violations, records.alerts]));
  return sha256(JSON.stringify([records.flight, options.telemetrySha256 ?? hashTelemetry(records.telemetry), records.violations, records.alerts]));
}

/** A seal's own hash: over the previous seal's hash, so the seals of a corridor form a chain. */
export function chainHash(seal: { previousHash: string; flightId: string; logSha256: string; recordsSha256: string; sealedAtMs: number }): string {
  return sha256([seal.previousHash, seal.flightId, seal.logSha256, seal.recordsSha256, String(seal.sealedAtMs)].join('|'));
}

/** The hash a chain starts from: its name, so chains cannot be swapped. */
export const chainGenesis = (chain: string): string => sha256(`corridor-flight-ops seal chain ${chain}`);

const EARTH_RADIUS_M = 6_371_008.8;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance between [lon, lat] points (haversine, mean Earth radius), in metres. */
export function distanceM(a: [number, number], b: [number, number]): number {
  const dLat = radians(b[1] - a[1]);
  const dLon = radians(b[0] - a[0]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a[1])) * Math.cos(radians(b[1])) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Duration, distance along the samples, highest above home and fastest, from a flight's records. */
export function summarise(records: FlightRecords, startedAtMs: number, endedAtMs: number | null): FlightSummary {
  let distance = 0;
  let maxAltitude: number | null = null;
  let maxSpeed: number | null = null;
  records.telemetry.forEach(([, lon, lat, , altitudeRelative, speed], index) => {
    const previous = records.telemetry[index - 1];
    if (previous) distance += distanceM([previous[1], previous[2]], [lon, lat]);
    maxAltitude = Math.max(maxAltitude ?? -Infinity, altitudeRelative);
    maxSpeed = Math.max(maxSpeed ?? -Infinity, speed);
  });
  return {
    durationS: endedAtMs === null ? null : Math.round((endedAtMs - startedAtMs) / 1000),
    distanceM: Math.round(distance),
    maxAltitudeRelativeM: maxAltitude,
    maxGroundSpeedMps: maxSpeed,
    samples: records.telemetry.length,
    violations: records.violations.length,
  };
}
