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
  constructor(private readonly deps: ViolationRecorderDeps) {}

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
      if (open) this.finish(vehicle, key, { ...open, endedAtMs: event.endedAtMs, maxHorizontalExcursionM, maxVerticalExcursionM, evidence });
      return;
    }
    if (event.type === 'breach:predicted') {
      const message = describePredictedBreach(vehicle.callsign, zone, event);
      raiseAlert(this.deps.alerts, vehicle, { kind: 'predicted-breach', severity: 'warning', message, atMs: event.startedAtMs, zoneId: zone.id, isRepeatable: true });
      return;
    }
    if (event.type !== 'breach:started') return; // approaching is shown as the vehicle's status, not alerted
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
