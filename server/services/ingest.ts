/**
 * The ingest path: decoded MAVLink messages → live vehicle state → fence check → flights,
 * telemetry, violations and alerts (stored in order, pushed live). Knows nothing of
 * sockets, HTTP or SQL: it receives its collaborators in `deps`.
 */
import type { Logger } from 'pino';
import type { PositionSample } from '../../geofences/index.ts';
import { isGroundStationHeartbeat, reduceVehicleState, toCommandAck, type CommandAckResult, type LinkStatistics, type ReceivedMessage } from '../../protocol/index.ts';
import type { AlertView, TrailView, VehicleView, ViolationEvent } from '../contracts/index.ts';
import type { AircraftRecord } from '../db/aircraft-repository.ts';
import { raiseAlert, type AlertRaiserDeps } from './alert-raiser.ts';
import { describeLinkLost, describeOutsideCorridors, describeUnregistered } from './alert-messages.ts';
import type { BookingIndex } from './booking-index.ts';
import type { CommandTargetVehicle } from './command-service.ts';
import type { CorridorFences } from './corridor-fences.ts';
import type { FlightLogSink, IngestStore } from './ingest-store.ts';
import { LiveVehicle } from './live-vehicle.ts';
import { FlightRecorder, type ResumableFlight } from './flight-recorder.ts';
import { VehicleChecks } from './vehicle-checks.ts';
import { fenceStatusOf, unstoredPositions } from './unstored-positions.ts';
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
  /** Told of every COMMAND_ACK a vehicle sends (the command service waits for them). */
  onCommandAck?: (vehicleId: string, ack: CommandAckResult) => void;
  /** A link's counts for one vehicle (packets, bytes, lost from sequence gaps), when known. */
  linkStatistics?: (linkId: string, systemId: number, componentId: number) => Readonly<LinkStatistics> | null;
  findAircraft: (systemId: number) => AircraftRecord | null;
  clock: () => number;
  logger: Logger;
  config: { heartbeatTimeoutMs: number; breachHoldMs: number; flightSilenceMs: number; stalePositionMs: number };
  /** Told how long each fence evaluation took (seconds; for the metrics). */
  observeFenceEvaluation?: (seconds: number) => void;
  /** Where this ingest's data comes from (default live links). */
  source?: { kind: 'live' | 'import'; name: string | null };
}

/** Alert kinds whose episode ends when the vehicle is heard again, so they are not carried over a restart. */
const ALERT_KINDS_ENDED_BY_HEARING = new Set(['link-lost', 'stale-position']);

const LINK_STATISTICS_REFRESH_MS = 1000;
/** Height above home that counts as airborne when an aircraft does not report arming. */
const AIRBORNE_RELATIVE_ALTITUDE_M = 2;

export class Ingest {
  private readonly vehicles = new Map<string, LiveVehicle>();
  /** Messages and positions taken since start (for health and benchmarks). */
  readonly statistics = { messages: 0, positions: 0 };

  private readonly alertDeps: AlertRaiserDeps;
  private readonly violations: ViolationRecorder;
  private readonly checks: VehicleChecks;
  private readonly flights: FlightRecorder;

  constructor(private readonly deps: IngestDeps) {
    this.alertDeps = { store: deps.store, publish: (alert) => deps.publisher.alertRaised(alert) };
    this.violations = new ViolationRecorder({ ...deps, alerts: this.alertDeps });
    this.checks = new VehicleChecks({ ...deps, alerts: this.alertDeps });
    this.flights = new FlightRecorder(deps);
  }

  /** The vehicle's view; its link counts are refreshed at most once a second (they cost a walk over the link's remotes). */
  private view(vehicle: LiveVehicle): VehicleView {
    const nowMs = this.deps.clock();
    if (nowMs - vehicle.linkStatisticsAtMs >= LINK_STATISTICS_REFRESH_MS) {
      vehicle.linkStatistics = this.deps.linkStatistics?.(vehicle.linkId, vehicle.state.systemId, vehicle.state.componentId) ?? null;
      vehicle.linkStatisticsAtMs = nowMs;
    }
    return vehicle.toView(vehicle.linkStatistics);
  }

  /** Each vehicle's trail since `sinceMs` (the server keeps 15 minutes), with whom it belongs to. */
  listTrails(sinceMs: number): Array<TrailView & { corridorId: string | null; organisationId: string | null }> {
    return [...this.vehicles.values()].map((vehicle) => ({
      vehicleId: vehicle.id, corridorId: vehicle.fence?.corridor.id ?? null, organisationId: vehicle.aircraft?.organisationId ?? null,
      points: vehicle.trail.filter((point) => point[3] >= sinceMs),
    }));
  }

  /** Live views of every vehicle heard since start. */
  listVehicles(): VehicleView[] {
    return [...this.vehicles.values()].map((vehicle) => this.view(vehicle));
  }

  /** Take one decoded message from any link. Never throws on what a vehicle sends. */
  handle(message: ReceivedMessage): void {
    if (isGroundStationHeartbeat(message)) return; // another ground station, not a vehicle
    this.statistics.messages += 1;
    const vehicle = this.vehicleFor(message);
    if (vehicle.aircraft?.signingKey && !this.checks.hasValidSignature(vehicle, message, vehicle.aircraft.signingKey)) return;
    const flightBefore = vehicle.flightId;
    const wasArmed = vehicle.state.isArmed;
    vehicle.state = reduceVehicleState(vehicle.state, message);
    vehicle.lastHeardAtMs = message.receivedAtMs;
    if (message.name === 'HEARTBEAT') this.onHeartbeat(vehicle, wasArmed, message.receivedAtMs);
    if (message.name === 'COMMAND_ACK') {
      const ack = toCommandAck(message.data);
      if (ack) this.deps.onCommandAck?.(vehicle.id, ack);
    }
    if (message.name === 'GLOBAL_POSITION_INT') {
      this.statistics.positions += 1;
      this.onPosition(vehicle, message.receivedAtMs);
    }
    this.flights.appendRaw(vehicle, flightBefore, message);
  }

  /**
   * Continue the flights a killed process left open (read from the database at start): an aircraft
   * heard again within the silence window goes on with the same flight, .tlog, violations and
   * alerts; the others are closed for silence by `checkLinks`.
   */
  resume(flights: readonly ResumableFlight[]): void {
    this.flights.resume(flights);
    if (flights.length > 0) this.deps.logger.info({ flights: flights.map((flight) => flight.id) }, 'open flights waiting to resume');
  }

  /**
   * Store the positions of a flight left open that its .tlog (`log`) holds but the database does
   * not (the killed process's write queue held them in memory). Call before `resume`.
   */
  storeUnstoredPositions(flight: ResumableFlight, log: Buffer): void {
    const rows = unstoredPositions(log, flight, flight.lastStoredPositionAtMs, this.deps.fences);
    for (const row of rows) this.deps.store.addTelemetry(row);
    if (rows.length > 0) this.deps.logger.info({ flightId: flight.id, positions: rows.length }, 'positions recovered from the flight log');
  }

  /** End every open flight and violation at `atMs` (an import reached its end). */
  finish(atMs: number, reason: string): void {
    for (const vehicle of this.vehicles.values()) {
      this.violations.closeAll(vehicle, atMs);
      this.flights.close(vehicle, atMs, reason, { closeLog: true });
    }
  }

  /** Mark links lost after the heartbeat timeout, positions stale in flight; close flights after a long silence. */
  checkLinks(nowMs: number = this.deps.clock()): void {
    const { heartbeatTimeoutMs, flightSilenceMs, stalePositionMs } = this.deps.config;
    for (const vehicle of this.vehicles.values()) {
      this.checks.checkStalePosition(vehicle, nowMs, stalePositionMs);
      const lastHeartbeatAtMs = vehicle.state.lastHeartbeatAtMs ?? vehicle.lastHeardAtMs;
      if (vehicle.linkState === 'connected' && nowMs - lastHeartbeatAtMs > heartbeatTimeoutMs) {
        vehicle.linkState = 'lost';
        this.deps.logger.warn({ vehicleId: vehicle.id, corridorId: vehicle.fence?.corridor.id }, 'link lost');
        raiseAlert(this.alertDeps, vehicle, { kind: 'link-lost', severity: 'warning', message: describeLinkLost(vehicle.callsign, heartbeatTimeoutMs), atMs: nowMs });
        this.deps.publisher.vehicleLink(this.view(vehicle));
      }
      if (vehicle.flightId && nowMs - vehicle.lastHeardAtMs > flightSilenceMs) this.flights.close(vehicle, nowMs, 'silence', { closeLog: true });
    }
    for (const flight of this.flights.closeAbandoned(nowMs, flightSilenceMs)) {
      this.deps.logger.info({ flightId: flight.id, vehicleId: flight.vehicleId }, 'flight left open by the previous process closed for silence');
      this.violations.closeAbandoned(flight.openViolations, nowMs);
    }
  }

  private vehicleFor(message: ReceivedMessage): LiveVehicle {
    const id = `${message.linkId}:${message.systemId}:${message.componentId}`;
    const known = this.vehicles.get(id);
    if (known) {
      if (known.remote !== message.remote) this.checks.onRemoteChange(known, message);
      return known;
    }
    const aircraft = this.deps.findAircraft(message.systemId);
    const vehicle = new LiveVehicle(id, message.linkId, message.remote, message.systemId, message.componentId, aircraft,
      this.deps.config.breachHoldMs, message.receivedAtMs);
    this.vehicles.set(id, vehicle);
    this.deps.logger.info({ vehicleId: id, remote: message.remote, aircraftId: aircraft?.id ?? null }, 'new vehicle');
    const resumed = this.flights.claim(vehicle, message.receivedAtMs, this.deps.config.flightSilenceMs);
    if (resumed) this.continueFlight(vehicle, resumed);
    if (!aircraft) {
      const text = describeUnregistered(message.systemId, message.remote);
      raiseAlert(this.alertDeps, vehicle, { kind: 'unregistered-aircraft', severity: 'warning', message: text, atMs: message.receivedAtMs });
    }
    return vehicle;
  }

  /** `vehicle` goes on with a flight a killed process left open: armed as it last was, its open violations and alerts carried over. */
  private continueFlight(vehicle: LiveVehicle, flight: ResumableFlight): void {
    vehicle.state = { ...vehicle.state, isArmed: flight.wasArmed };
    for (const kind of flight.unacknowledgedAlertKinds) if (!ALERT_KINDS_ENDED_BY_HEARING.has(kind)) vehicle.raisedAlerts.add(kind);
    this.violations.resume(vehicle, flight.openViolations);
    this.deps.logger.info({ vehicleId: vehicle.id, flightId: flight.id, previousVehicleId: flight.vehicleId, openViolations: flight.openViolations.length }, 'flight resumed after restart');
  }

  /** The vehicle's target for a command, or null. */
  commandTarget(vehicleId: string): CommandTargetVehicle | null {
    const vehicle = this.vehicles.get(vehicleId);
    if (!vehicle) return null;
    const { systemId, componentId, vehicleType, autopilot } = vehicle.state;
    return { id: vehicle.id, linkId: vehicle.linkId, remote: vehicle.remote, systemId, componentId, vehicleType, autopilot,
      linkState: vehicle.linkState, callsign: vehicle.callsign, corridorId: vehicle.fence?.corridor.id ?? null };
  }

  private onHeartbeat(vehicle: LiveVehicle, wasArmed: boolean, nowMs: number): void {
    if (vehicle.linkState === 'lost') {
      vehicle.linkState = 'connected';
      vehicle.raisedAlerts.delete('link-lost');
      this.deps.logger.info({ vehicleId: vehicle.id }, 'link regained');
      this.deps.publisher.vehicleLink(this.view(vehicle));
    }
    if (!wasArmed && vehicle.state.isArmed) this.flights.open(vehicle, nowMs);
    if (wasArmed && !vehicle.state.isArmed) this.flights.close(vehicle, nowMs, 'disarmed');
  }

  private onPosition(vehicle: LiveVehicle, nowMs: number): void {
    const position = vehicle.state.position;
    if (!position) return;
    vehicle.lastPositionAtMs = nowMs;
    vehicle.rememberPosition(position.lon, position.lat, position.altitudeMslM, nowMs);
    const located = this.deps.fences.locate(position.lon, position.lat, vehicle.fence);
    if (located !== vehicle.fence || !vehicle.isLocated) this.moveVehicle(vehicle, located, nowMs);
    vehicle.raisedAlerts.delete('stale-position');
    if (!vehicle.flightId && (vehicle.state.isArmed || position.altitudeRelativeM > AIRBORNE_RELATIVE_ALTITUDE_M)) {
      this.flights.open(vehicle, nowMs);
    }
    this.flights.assignCorridor(vehicle);
    const sample: PositionSample = {
      lon: position.lon,
      lat: position.lat,
      altitudeMslM: position.altitudeMslM,
      altitudeAglM: position.altitudeRelativeM,
      velocity: { northMps: position.northMps, eastMps: position.eastMps, downMps: position.downMps },
      timeMs: nowMs,
    };
    if (vehicle.fence) {
      const evaluationStartedAt = performance.now();
      const assessment = vehicle.fence.evaluator.evaluate(sample);
      this.deps.observeFenceEvaluation?.((performance.now() - evaluationStartedAt) / 1000);
      vehicle.fenceStatus = fenceStatusOf(assessment);
      for (const event of vehicle.tracker.update(assessment)) this.violations.record(vehicle, event, [position.lon, position.lat]);
      this.violations.confirmResumed(vehicle, nowMs);
    } else {
      vehicle.fenceStatus = 'outside-corridors';
    }
    if (vehicle.flightId && vehicle.aircraft) this.checks.checkBooking(vehicle, vehicle.aircraft, sample);
    const view = this.view(vehicle);
    if (vehicle.flightId && view.position) {
      this.deps.store.addTelemetry({ flightId: vehicle.flightId, recordedAtMs: nowMs, ...view.position, fenceStatus: vehicle.fenceStatus });
    }
    this.deps.publisher.vehicleTelemetry(view);
  }

  private moveVehicle(vehicle: LiveVehicle, fence: LiveVehicle['fence'], nowMs: number): void {
    this.violations.closeAll(vehicle, nowMs);
    vehicle.moveTo(fence);
    this.violations.adoptResumed(vehicle, nowMs);
    if (!fence) {
      const text = describeOutsideCorridors(vehicle.callsign, vehicle.state.position);
      raiseAlert(this.alertDeps, vehicle, { kind: 'outside-corridors', severity: 'critical', message: text, atMs: nowMs });
    } else {
      vehicle.raisedAlerts.delete('outside-corridors');
    }
  }
}
