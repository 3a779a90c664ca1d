/**
 * What the ingest path writes, as fire-and-forget calls: the database side queues them in
 * order (server/db/ingest-writer.ts); tests can use an in-memory fake.
 */
import type { AlertView, EvidenceSampleView, VehicleView } from '../contracts/index.ts';

export interface FlightRecord {
  id: string;
  vehicleId: string;
  systemId: number;
  aircraftId: string | null;
  organisationId: string | null;
  corridorId: string | null;
  startedAtMs: number;
  /** 'live' from a MAVLink link, 'import' from an uploaded .tlog (named by `sourceName`). */
  source: 'live' | 'import';
  sourceName: string | null;
}

/** One stored position: the live view's position, stamped with its flight, time and fence status. */
export type TelemetryRecord = NonNullable<VehicleView['position']> & {
  flightId: string;
  recordedAtMs: number;
  fenceStatus: VehicleView['fenceStatus'];
};

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
  /** The samples that prove it (filled when it ends). */
  evidence: EvidenceSample[];
}

/** One position kept as evidence of a violation. */
export type EvidenceSample = EvidenceSampleView;

export interface IngestStore {
  openFlight(flight: FlightRecord): void;
  closeFlight(flightId: string, endedAtMs: number, reason: string): void;
  assignFlightCorridor(flightId: string, corridorId: string): void;
  addTelemetry(row: TelemetryRecord): void;
  startViolation(violation: ViolationRecord): void;
  endViolation(violation: ViolationRecord): void;
  addAlert(alert: AlertView, flightId: string | null): void;
}

/** Where the raw bytes of each flight go, as they arrive (the .tlog archive). */
export interface FlightLogSink {
  append(flightId: string, raw: Buffer, receivedAtMs: number): void;
  close(flightId: string): Promise<void>;
}
