/**
 * A vehicle's flights: opened on arming (or the first airborne position), closed on disarming,
 * silence or the end of an import; told their corridor once known; and their raw packets
 * appended to the flight's .tlog, from the arming heartbeat to the disarming one.
 */
import { randomUUID } from 'node:crypto';
import type { ReceivedMessage } from '../../protocol/index.ts';
import type { FlightLogSink, IngestStore, ViolationRecord } from './ingest-store.ts';
import type { LiveVehicle } from './live-vehicle.ts';

/**
 * A live flight a previous process left open (it was killed): its aircraft continues it when it
 * reports again within the silence window, else it is closed for silence (`FlightRecorder.resume`).
 */
export interface ResumableFlight {
  id: string;
  /** The vehicle id it was flown under (`link:sysid:compid`); the link may differ after a restart. */
  vehicleId: string;
  linkId: string;
  systemId: number;
  componentId: number;
  aircraftId: string | null;
  corridorId: string | null;
  startedAtMs: number;
  /** Its last packet (the .tlog's last record, or its last stored position, or its start). */
  lastHeardAtMs: number;
  /** Its last position the database had stored (null: none); later ones in its .tlog were lost with the write queue. */
  lastStoredPositionAtMs: number | null;
  /** Whether its last HEARTBEAT before the kill said armed (so a disarmed one closes the flight). */
  wasArmed: boolean;
  /** Violations still open when the process died. */
  openViolations: ViolationRecord[];
  /** Kinds of its alerts not yet acknowledged (not raised again for the same episode). */
  unacknowledgedAlertKinds: string[];
}

const resumeKey = (systemId: number, componentId: number, aircraftId: string | null) => `${systemId}:${componentId}:${aircraftId ?? '-'}`;

export interface FlightRecorderDeps {
  store: Pick<IngestStore, 'openFlight' | 'closeFlight' | 'assignFlightCorridor'>;
  flightLogs: FlightLogSink;
  source?: { kind: 'live' | 'import'; name: string | null };
}

export class FlightRecorder {
  /** Flights left open by a killed process, waiting for their aircraft, by system id, component id and aircraft. */
  private readonly resumable = new Map<string, ResumableFlight>();

  constructor(private readonly deps: FlightRecorderDeps) {}

  /** Offer the flights a previous process left open; each waits for its aircraft (`claim`) or silence (`closeAbandoned`). */
  resume(flights: readonly ResumableFlight[]): void {
    for (const flight of flights) this.resumable.set(resumeKey(flight.systemId, flight.componentId, flight.aircraftId), flight);
  }

  /**
   * A newly heard vehicle continues the flight its aircraft left open, if it is heard within
   * `silenceMs` of that flight's last packet (the same system id, component id and registered
   * aircraft; the link and port may have changed). Returns the flight it continues, or null.
   */
  claim(vehicle: LiveVehicle, nowMs: number, silenceMs: number): ResumableFlight | null {
    const key = resumeKey(vehicle.state.systemId, vehicle.state.componentId, vehicle.aircraft?.id ?? null);
    const flight = this.resumable.get(key);
    if (!flight || vehicle.flightId || nowMs - flight.lastHeardAtMs > silenceMs) return null;
    this.resumable.delete(key);
    vehicle.flightId = flight.id;
    vehicle.flightStartedAtMs = flight.startedAtMs;
    vehicle.hasFlightCorridor = flight.corridorId !== null;
    return flight;
  }

  /** Close, for silence, the left-open flights whose aircraft were not heard within `silenceMs` of their last packet (as a live flight is); returns them. */
  closeAbandoned(nowMs: number, silenceMs: number): ResumableFlight[] {
    const closed: ResumableFlight[] = [];
    for (const [key, flight] of this.resumable) {
      if (nowMs - flight.lastHeardAtMs <= silenceMs) continue;
      this.resumable.delete(key);
      this.deps.store.closeFlight(flight.id, nowMs, 'silence');
      closed.push(flight);
    }
    return closed;
  }

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
