/**
 * The ingest path: decoded MAVLink messages → live vehicle state → fence check → flights,
 * telemetry, violations and alerts (stored in order, pushed live). Knows nothing of
 * sockets, HTTP or SQL: it receives its collaborators in `deps`.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { isPositionStale, type PositionAssessment, type PositionSample } from '../../geofences/index.ts';
import { reduceVehicleState, type ReceivedMessage } from '../../protocol/index.ts';
import type { AlertView, FenceStatus, VehicleView, ViolationEvent } from '../contracts/index.ts';
import type { AircraftRecord } from '../db/aircraft-repository.ts';
import { raiseAlert, type AlertRaiserDeps } from './alert-raiser.ts';
import { describeDuplicateSystemId, describeLinkLost, describeNonConformance, describeUnbooked, describeOutsideCorridors, describeStalePosition, describeUnregistered } from './alert-messages.ts';
import type { BookingIndex } from './booking-index.ts';
import type { CorridorFences } from './corridor-fences.ts';
import type { FlightLogSink, IngestStore } from './ingest-store.ts';
import { LiveVehicle } from './live-vehicle.ts';
import { ViolationRecorder } from './violation-recorder.ts';

/** Where live events go (Socket.IO in the server, a recorder in tests). */
export interface LivePublisher {
  vehicleTelemetry(vehicle: VehicleView): void;
  vehicleLink(vehicle: VehicleView): void;
  alertRaised(alert: AlertView): void;
  violationStarted(violation: ViolationEvent): void;
  violationEnded(violation: ViolationEvent): void;
}

export interface IngestDeps {
  store: IngestStore;
  flightLogs: FlightLogSink;
  publisher: LivePublisher;
  fences: CorridorFences;
  bookings: BookingIndex;
  findAircraft: (systemId: number) => AircraftRecord | null;
  clock: () => number;
  logger: Logger;
  config: { heartbeatTimeoutMs: number; breachHoldMs: number; flightSilenceMs: number; stalePositionMs: number };
  /** Where this ingest's data comes from (default live links). */
  source?: { kind: 'live' | 'import'; name: string | null };
}

/** MAV_TYPE_GCS: heartbeats from other ground stations are not vehicles. */
const MAV_TYPE_GCS = 6;
/** Height above home that counts as airborne when an aircraft does not report arming. */
const AIRBORNE_RELATIVE_ALTITUDE_M = 2;

export class Ingest {
  private readonly vehicles = new Map<string, LiveVehicle>();
  /** Messages and positions taken since start (for health and benchmarks). */
  readonly statistics = { messages: 0, positions: 0 };

  private readonly alertDeps: AlertRaiserDeps;
  private readonly violations: ViolationRecorder;

  constructor(private readonly deps: IngestDeps) {
    this.alertDeps = { store: deps.store, publish: (alert) => deps.publisher.alertRaised(alert) };
    this.violations = new ViolationRecorder({ ...deps, alerts: this.alertDeps });
  }

  /** Live views of every vehicle heard since start. */
  listVehicles(): VehicleView[] {
    return [...this.vehicles.values()].map((vehicle) => vehicle.toView());
  }

  /** Take one decoded message from any link. Never throws on what a vehicle sends. */
  handle(message: ReceivedMessage): void {
    if (message.name === 'HEARTBEAT' && (message.data as { type?: number }).type === MAV_TYPE_GCS) return;
    this.statistics.messages += 1;
    const vehicle = this.vehicleFor(message);
    const flightBefore = vehicle.flightId;
    const wasArmed = vehicle.state.isArmed;
    vehicle.state = reduceVehicleState(vehicle.state, message);
    vehicle.lastHeardAtMs = message.receivedAtMs;
    if (message.name === 'HEARTBEAT') this.onHeartbeat(vehicle, wasArmed, message.receivedAtMs);
    if (message.name === 'GLOBAL_POSITION_INT') {
      this.statistics.positions += 1;
      this.onPosition(vehicle, message.receivedAtMs);
    }
    // The packet that opens a flight (arming) and the one that closes it (disarming) both belong to it.
    const flightId = vehicle.flightId ?? flightBefore;
    if (flightId) this.deps.flightLogs.append(flightId, message.raw, message.receivedAtMs);
    if (flightBefore && flightBefore !== vehicle.flightId) void this.deps.flightLogs.close(flightBefore);
  }

  /** End every open flight and violation at `atMs` (an import reached its end); returns the flights closed. */
  finish(atMs: number, reason: string): string[] {
    const closed: string[] = [];
    for (const vehicle of this.vehicles.values()) {
      this.violations.closeAll(vehicle, atMs);
      if (!vehicle.flightId) continue;
      closed.push(vehicle.flightId);
      void this.deps.flightLogs.close(vehicle.flightId);
      this.closeFlight(vehicle, atMs, reason);
    }
    return closed;
  }

  /** Mark links lost after the heartbeat timeout, positions stale in flight; close flights after a long silence. */
  checkLinks(nowMs: number = this.deps.clock()): void {
    const { heartbeatTimeoutMs, flightSilenceMs, stalePositionMs } = this.deps.config;
    for (const vehicle of this.vehicles.values()) {
      const lastPositionAtMs = vehicle.state.position?.timeMs ?? null;
      if (vehicle.flightId && isPositionStale(lastPositionAtMs ?? vehicle.flightStartedAtMs, nowMs, stalePositionMs)) {
        const message = describeStalePosition(vehicle.callsign, stalePositionMs);
        raiseAlert(this.alertDeps, vehicle, { kind: 'stale-position', severity: 'warning', message, atMs: nowMs });
      }
      const lastHeartbeatAtMs = vehicle.state.lastHeartbeatAtMs ?? vehicle.lastHeardAtMs;
      if (vehicle.linkState === 'connected' && nowMs - lastHeartbeatAtMs > heartbeatTimeoutMs) {
        vehicle.linkState = 'lost';
        this.deps.logger.warn({ vehicleId: vehicle.id, corridorId: vehicle.fence?.corridor.id }, 'link lost');
        raiseAlert(this.alertDeps, vehicle, { kind: 'link-lost', severity: 'warning', message: describeLinkLost(vehicle.callsign, heartbeatTimeoutMs), atMs: nowMs });
        this.deps.publisher.vehicleLink(vehicle.toView());
      }
      if (vehicle.flightId && nowMs - vehicle.lastHeardAtMs > flightSilenceMs) {
        void this.deps.flightLogs.close(vehicle.flightId);
        this.closeFlight(vehicle, nowMs, 'silence');
      }
    }
  }

  private vehicleFor(message: ReceivedMessage): LiveVehicle {
    const id = `${message.linkId}:${message.systemId}:${message.componentId}`;
    const known = this.vehicles.get(id);
    if (known) {
      if (known.remote !== message.remote) this.onRemoteChange(known, message);
      return known;
    }
    const aircraft = this.deps.findAircraft(message.systemId);
    const vehicle = new LiveVehicle(id, message.linkId, message.remote, message.systemId, message.componentId, aircraft,
      this.deps.config.breachHoldMs, message.receivedAtMs);
    this.vehicles.set(id, vehicle);
    this.deps.logger.info({ vehicleId: id, remote: message.remote, aircraftId: aircraft?.id ?? null }, 'new vehicle');
    if (!aircraft) {
      const text = describeUnregistered(message.systemId, message.remote);
      raiseAlert(this.alertDeps, vehicle, { kind: 'unregistered-aircraft', severity: 'warning', message: text, atMs: message.receivedAtMs });
    }
    return vehicle;
  }

  /** Same (link, sysid, compid) from a new address: a reconnect if the old one went quiet, else two aircraft. */
  private onRemoteChange(vehicle: LiveVehicle, message: ReceivedMessage): void {
    if (message.receivedAtMs - vehicle.lastHeardAtMs < this.deps.config.heartbeatTimeoutMs) {
      const text = describeDuplicateSystemId(message.systemId, message.linkId, [vehicle.remote, message.remote]);
      raiseAlert(this.alertDeps, vehicle, { kind: 'duplicate-system-id', severity: 'critical', message: text, atMs: message.receivedAtMs });
      return;
    }
    this.deps.logger.info({ vehicleId: vehicle.id, from: vehicle.remote, to: message.remote }, 'vehicle reconnected from a new address');
    vehicle.remote = message.remote;
  }

  private onHeartbeat(vehicle: LiveVehicle, wasArmed: boolean, nowMs: number): void {
    if (vehicle.linkState === 'lost') {
      vehicle.linkState = 'connected';
      vehicle.raisedAlerts.delete('link-lost');
      this.deps.logger.info({ vehicleId: vehicle.id }, 'link regained');
      this.deps.publisher.vehicleLink(vehicle.toView());
    }
    if (!wasArmed && vehicle.state.isArmed) this.openFlight(vehicle, nowMs);
    if (wasArmed && !vehicle.state.isArmed) this.closeFlight(vehicle, nowMs, 'disarmed');
  }

  private onPosition(vehicle: LiveVehicle, nowMs: number): void {
    const position = vehicle.state.position;
    if (!position) return;
    const located = this.deps.fences.locate(position.lon, position.lat, vehicle.fence);
    if (located !== vehicle.fence || !vehicle.isLocated) this.moveVehicle(vehicle, located, nowMs);
    vehicle.raisedAlerts.delete('stale-position');
    if (!vehicle.flightId && (vehicle.state.isArmed || position.altitudeRelativeM > AIRBORNE_RELATIVE_ALTITUDE_M)) {
      this.openFlight(vehicle, nowMs);
    }
    if (vehicle.flightId && !vehicle.hasFlightCorridor && vehicle.fence) {
      // Armed before its first position: the flight learns its corridor now.
      this.deps.store.assignFlightCorridor(vehicle.flightId, vehicle.fence.corridor.id);
      vehicle.hasFlightCorridor = true;
    }
    const sample: PositionSample = {
      lon: position.lon,
      lat: position.lat,
      altitudeMslM: position.altitudeMslM,
      altitudeAglM: position.altitudeRelativeM,
      velocity: { northMps: position.northMps, eastMps: position.eastMps, downMps: position.downMps },
      timeMs: nowMs,
    };
    if (vehicle.fence) {
      const assessment = vehicle.fence.evaluator.evaluate(sample);
      vehicle.fenceStatus = fenceStatusOf(assessment);
      for (const event of vehicle.tracker.update(assessment)) this.violations.record(vehicle, event, [position.lon, position.lat]);
    } else {
      vehicle.fenceStatus = 'outside-corridors';
    }
    if (vehicle.flightId && vehicle.aircraft) this.checkBooking(vehicle, vehicle.aircraft.id, sample);
    const view = vehicle.toView();
    if (vehicle.flightId && view.position) {
      this.deps.store.addTelemetry({ flightId: vehicle.flightId, recordedAtMs: nowMs, ...view.position, fenceStatus: vehicle.fenceStatus });
    }
    this.deps.publisher.vehicleTelemetry(view);
  }

  /** Alert a registered aircraft in flight without a booking, or outside its booked volume or window. */
  private checkBooking(vehicle: LiveVehicle, aircraftId: string, sample: PositionSample): void {
    const conformance = this.deps.bookings.conformanceOf(aircraftId, sample);
    vehicle.conformance = conformance.status;
    if (conformance.status === 'conforming') {
      vehicle.raisedAlerts.delete('booking-nonconformance');
      return;
    }
    if (conformance.status === 'unbooked') {
      const message = describeUnbooked(vehicle.callsign);
      raiseAlert(this.alertDeps, vehicle, { kind: 'unbooked-flight', severity: 'warning', message, atMs: sample.timeMs });
      return;
    }
    const message = describeNonConformance(vehicle.callsign, conformance);
    raiseAlert(this.alertDeps, vehicle, { kind: 'booking-nonconformance', severity: 'critical', message, atMs: sample.timeMs });
  }

  private moveVehicle(vehicle: LiveVehicle, fence: LiveVehicle['fence'], nowMs: number): void {
    this.violations.closeAll(vehicle, nowMs);
    vehicle.moveTo(fence);
    if (!fence) {
      const text = describeOutsideCorridors(vehicle.callsign, vehicle.state.position);
      raiseAlert(this.alertDeps, vehicle, { kind: 'outside-corridors', severity: 'critical', message: text, atMs: nowMs });
    } else {
      vehicle.raisedAlerts.delete('outside-corridors');
    }
  }

  private openFlight(vehicle: LiveVehicle, nowMs: number): void {
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

  private closeFlight(vehicle: LiveVehicle, nowMs: number, reason: string): void {
    if (!vehicle.flightId) return;
    this.deps.store.closeFlight(vehicle.flightId, nowMs, reason);
    vehicle.flightId = null;
  }
}

function fenceStatusOf(assessment: PositionAssessment): FenceStatus {
  return assessment.worst === 'clear' ? 'nominal' : assessment.worst;
}
