/**
 * A vehicle's flights: opened on arming (or the first airborne position), closed on disarming,
 * silence or the end of an import; told their corridor once known; and their raw packets
 * appended to the flight's .tlog, from the arming heartbeat to the disarming one.
 */
import { randomUUID } from 'node:crypto';
import type { ReceivedMessage } from '../../protocol/index.ts';
import type { FlightLogSink, IngestStore } from './ingest-store.ts';
import type { LiveVehicle } from './live-vehicle.ts';

export interface FlightRecorderDeps {
  store: Pick<IngestStore, 'openFlight' | 'closeFlight' | 'assignFlightCorridor'>;
  flightLogs: FlightLogSink;
  source?: { kind: 'live' | 'import'; name: string | null };
}

export class FlightRecorder {
  constructor(private readonly deps: FlightRecorderDeps) {}

  open(vehicle: LiveVehicle, nowMs: number): void {
    if (vehicle.flightId) return;
    vehicle.flightId = randomUUID();
    vehicle.flightStartedAtMs = nowMs;
    vehicle.hasFlightCorridor = vehicle.fence !== null;
    this.deps.store.openFlight({
      id: vehicle.flightId, vehicleId: vehicle.id, systemId: vehicle.state.systemId, aircraftId: vehicle.aircraft?.id ?? null,
      organisationId: vehicle.aircraft?.organisationId ?? null, corridorId: vehicle.fence?.corridor.id ?? null, startedAtMs: nowMs,
      source: this.deps.source?.kind ?? 'live', sourceName: this.deps.source?.name ?? null,
    });
  }

  /** Close the open flight; its .tlog is closed by `appendRaw` after the closing packet, or here with `closeLog`. */
  close(vehicle: LiveVehicle, nowMs: number, reason: string, options: { closeLog?: boolean } = {}): void {
    if (!vehicle.flightId) return;
    this.deps.store.closeFlight(vehicle.flightId, nowMs, reason);
    if (options.closeLog) void this.deps.flightLogs.close(vehicle.flightId);
    vehicle.flightId = null;
  }

  /** A flight opened before the vehicle's first position learns its corridor once it has one. */
  assignCorridor(vehicle: LiveVehicle): void {
    if (!vehicle.flightId || vehicle.hasFlightCorridor || !vehicle.fence) return;
    this.deps.store.assignFlightCorridor(vehicle.flightId, vehicle.fence.corridor.id);
    vehicle.hasFlightCorridor = true;
  }

  /** Append a packet to the flight it belongs to (`flightBefore`: the flight open before it was handled). */
  appendRaw(vehicle: LiveVehicle, flightBefore: string | null, message: ReceivedMessage): void {
    // The packet that opens a flight (arming) and the one that closes it (disarming) both belong to it.
    const flightId = vehicle.flightId ?? flightBefore;
    if (flightId) this.deps.flightLogs.append(flightId, message.raw, message.receivedAtMs);
    if (flightBefore && flightBefore !== vehicle.flightId) void this.deps.flightLogs.close(flightBefore);
  }
}
