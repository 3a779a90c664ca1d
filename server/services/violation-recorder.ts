/**
 * Turns a vehicle's breach events into violations: stored when they start and end, pushed
 * live, logged at warn with vehicle, corridor and zone, and a critical alert per breach.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { BreachEvent, PositionSample } from '../../geofences/index.ts';
import type { ViolationEvent } from '../contracts/index.ts';
import { describeBreach, describePredictedBreach } from './alert-messages.ts';
import { raiseAlert, type AlertRaiserDeps } from './alert-raiser.ts';
import type { EvidenceSample, IngestStore, ViolationRecord } from './ingest-store.ts';
import type { LivePublisher } from './ingest.ts';
import type { LiveVehicle } from './live-vehicle.ts';

export interface ViolationRecorderDeps {
  store: Pick<IngestStore, 'startViolation' | 'endViolation'>;
  publisher: Pick<LivePublisher, 'violationStarted' | 'violationEnded'>;
  alerts: AlertRaiserDeps;
  logger: Logger;
}

export class ViolationRecorder {
  /** Violations a killed process left open on a vehicle's resumed flight, until its first position places it. */
  private readonly resumed = new WeakMap<LiveVehicle, ViolationRecord[]>();
  /** Keys of resumed violations not yet confirmed by a breach the vehicle's new tracker sees. */
  private readonly unconfirmed = new WeakMap<LiveVehicle, Set<string>>();

  constructor(private readonly deps: ViolationRecorderDeps) {}

  /** A vehicle continues a flight with these violations still open: they continue too (no second violation or alert). */
  resume(vehicle: LiveVehicle, violations: readonly ViolationRecord[]): void {
    if (violations.length > 0) this.resumed.set(vehicle, [...violations]);
  }

  /**
   * The vehicle was just placed in `vehicle.fence` (its first position after a resume): violations
   * of that corridor's zones stay open, waiting for the tracker to confirm them; any other ends now.
   */
  adoptResumed(vehicle: LiveVehicle, nowMs: number): void {
    const violations = this.resumed.get(vehicle);
    if (!violations) return;
    this.resumed.delete(vehicle);
    const keys = new Set<string>();
    for (const violation of violations) {
      const key = `${violation.zoneId}/${violation.limit}`;
      vehicle.openViolations.set(key, violation);
      if (vehicle.fence?.corridor.id === violation.corridorId && vehicle.fence.zonesById.has(violation.zoneId)) keys.add(key);
      else this.finish(vehicle, key, { ...violation, endedAtMs: nowMs });
    }
    if (keys.size > 0) this.unconfirmed.set(vehicle, keys);
  }

  /** After the first assessment since a resume: a resumed violation whose breach the tracker does not see ended while the process was down. */
  confirmResumed(vehicle: LiveVehicle, nowMs: number): void {
    const keys = this.unconfirmed.get(vehicle);
    if (!keys) return;
    this.unconfirmed.delete(vehicle);
    const open = new Set(vehicle.tracker.openBreaches.map((breach) => `${breach.zoneId}/${breach.limit}`));
    for (const key of keys) {
      const violation = vehicle.openViolations.get(key);
      if (violation && !open.has(key)) this.finish(vehicle, key, { ...violation, endedAtMs: nowMs });
    }
  }

  /** End violations of a left-open flight whose aircraft never came back (no vehicle to publish to). */
  closeAbandoned(violations: readonly ViolationRecord[], nowMs: number): void {
    for (const violation of violations) {
      this.deps.store.endViolation({ ...violation, endedAtMs: nowMs });
      this.deps.logger.info({ vehicleId: violation.vehicleId, corridorId: violation.corridorId, zoneId: violation.zoneId }, 'breach ended (flight closed for silence)');
    }
  }

  /** Record one breach event of `vehicle`, which was at [lon, lat] `position`. */
  record(vehicle: LiveVehicle, event: BreachEvent, position: [number, number]): void {
    const fence = vehicle.fence;
    const zone = fence?.zonesById.get(event.zoneId);
    if (!fence || !zone) return;
    const key = `${event.zoneId}/${event.limit}`;
    const { maxHorizontalExcursionM, maxVerticalExcursionM } = event;
    if (event.type === 'breach:ended') {
      const open = vehicle.openViolations.get(key);
      const evidence = event.samples.map(toEvidence);
      // A resumed violation keeps the larger excursions of before the restart.
      const maxima = open && { maxHorizontalExcursionM: Math.max(open.maxHorizontalExcursionM, maxHorizontalExcursionM), maxVerticalExcursionM: Math.max(open.maxVerticalExcursionM, maxVerticalExcursionM) };
      if (open) this.finish(vehicle, key, { ...open, endedAtMs: event.endedAtMs, ...maxima, evidence });
      return;
    }
    if (event.type === 'breach:predicted') {
      const message = describePredictedBreach(vehicle.callsign, zone, event);
      raiseAlert(this.deps.alerts, vehicle, { kind: 'predicted-breach', severity: 'warning', message, atMs: event.startedAtMs, zoneId: zone.id, isRepeatable: true });
      return;
    }
    if (event.type !== 'breach:started') return; // approaching is shown as the vehicle's status, not alerted
    if (vehicle.openViolations.has(key)) {
      // The breach a killed process had already recorded and alerted: the same violation goes on.
      this.deps.logger.info({ vehicleId: vehicle.id, corridorId: fence.corridor.id, zoneId: zone.id, limit: event.limit }, 'breach continues after restart');
      return;
    }
    const violation: ViolationRecord = {
      id: randomUUID(), vehicleId: vehicle.id, flightId: vehicle.flightId, corridorId: fence.corridor.id, zoneId: zone.id,
      zoneVersion: zone.version, limit: event.limit, startedAtMs: event.startedAtMs, endedAtMs: null, startPosition: position,
      maxHorizontalExcursionM, maxVerticalExcursionM, evidence: event.samples.map(toEvidence),
    };
    vehicle.openViolations.set(key, violation);
    this.deps.store.startViolation(violation);
    this.deps.publisher.violationStarted(toViolationEvent(violation, vehicle));
    this.deps.logger.warn({ vehicleId: vehicle.id, corridorId: fence.corridor.id, zoneId: zone.id, limit: event.limit }, 'breach started');
    const { kind, message } = describeBreach(vehicle.callsign, zone, event);
    raiseAlert(this.deps.alerts, vehicle, { kind, severity: 'critical', message, atMs: event.startedAtMs, zoneId: zone.id, isRepeatable: true });
  }

  /** End every open violation of `vehicle` at `nowMs` (it left the corridor they belong to). */
  closeAll(vehicle: LiveVehicle, nowMs: number): void {
    for (const [key, violation] of vehicle.openViolations) this.finish(vehicle, key, { ...violation, endedAtMs: nowMs });
  }

  private finish(vehicle: LiveVehicle, key: string, violation: ViolationRecord): void {
    vehicle.openViolations.delete(key);
    this.deps.store.endViolation(violation);
    this.deps.publisher.violationEnded(toViolationEvent(violation, vehicle));
    this.deps.logger.info({ vehicleId: vehicle.id, corridorId: violation.corridorId, zoneId: violation.zoneId }, 'breach ended');
  }
}

function toEvidence(sample: PositionSample): EvidenceSample {
  return { timeMs: sample.timeMs, lon: sample.lon, lat: sample.lat, altitudeMslM: sample.altitudeMslM, altitudeAglM: sample.altitudeAglM };
}

function toViolationEvent(violation: ViolationRecord, vehicle: LiveVehicle): ViolationEvent {
  const { id, vehicleId, zoneId, corridorId, startedAtMs, endedAtMs, maxHorizontalExcursionM, maxVerticalExcursionM } = violation;
  const organisationId = vehicle.aircraft?.organisationId ?? null;
  return { id, vehicleId, zoneId, corridorId, organisationId, startedAtMs, endedAtMs, maxHorizontalExcursionM, maxVerticalExcursionM };
}
