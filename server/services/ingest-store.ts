/**
 * What the ingest path writes, as fire-and-forget calls: the database side queues them in
 * order (server/db/ingest-writer.ts); tests can use an in-memory fake.
 */
import type { AlertView } from '../contracts/index.ts';

export interface FlightRecord {
  id: string;
  vehicleId: string;
  systemId: number;
  aircraftId: string | null;
  organisationId: string | null;
  corridorId: string | null;
  startedAtMs: number;
}

export interface TelemetryRecord {
  flightId: string;
  recordedAtMs: number;
  lon: number;
  lat: number;
  altitudeMslM: number;
  altitudeRelativeM: number;
  groundSpeedMps: number;
  climbRateMps: number;
  headingDeg: number;
  fenceStatus: string;
}

export interface ViolationRecord {
  id: string;
  vehicleId: string;
  flightId: string | null;
  corridorId: string;
  zoneId: string;
  zoneVersion: number;
  limit: 'horizontal' | 'ceiling' | 'floor';
  startedAtMs: number;
  endedAtMs: number | null;
  startPosition: [number, number];
  maxHorizontalExcursionM: number;
  maxVerticalExcursionM: number;
}

export interface IngestStore {
  openFlight(flight: FlightRecord): void;
  closeFlight(flightId: string, endedAtMs: number, reason: string): void;
  assignFlightCorridor(flightId: string, corridorId: string): void;
  addTelemetry(row: TelemetryRecord): void;
  startViolation(violation: ViolationRecord): void;
  endViolation(violation: ViolationRecord): void;
  addAlert(alert: AlertView, flightId: string | null): void;
}
