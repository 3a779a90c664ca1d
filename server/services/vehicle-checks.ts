/**
 * Checks of one vehicle that raise alerts: MAVLink 2 signatures of signed aircraft,
 * conformance to the aircraft's bookings, stale positions in flight, and two aircraft
 * sharing one system id on a link.
 */
import type { Logger } from 'pino';
import { isPositionStale, type PositionSample } from '../../geofences/index.ts';
import { SignatureVerifier, type ReceivedMessage } from '../../protocol/index.ts';
import { describeDuplicateSystemId, describeNonConformance, describeRejectedSignature, describeStalePosition, describeUnbooked } from './alert-messages.ts';
import { raiseAlert, type AlertRaiserDeps } from './alert-raiser.ts';
import type { BookingIndex } from './booking-index.ts';
import type { LiveVehicle } from './live-vehicle.ts';

export interface VehicleChecksDeps {
  alerts: AlertRaiserDeps;
  bookings: BookingIndex;
  logger: Logger;
  config: { heartbeatTimeoutMs: number };
}

export class VehicleChecks {
  private readonly signatures = new SignatureVerifier();

  constructor(private readonly deps: VehicleChecksDeps) {}

  /** Check a signed aircraft's packet; a bad one is counted, alerted (once per episode) and dropped. */
  /** Alert an aircraft in flight whose last position is older than `staleAfterMs` (once until a position arrives). */
  checkStalePosition(vehicle: LiveVehicle, nowMs: number, staleAfterMs: number): void {
    if (!vehicle.flightId) return;
    if (!isPositionStale(vehicle.lastPositionAtMs ?? vehicle.flightStartedAtMs, nowMs, staleAfterMs)) return;
    const message = describeStalePosition(vehicle.callsign, staleAfterMs);
    raiseAlert(this.deps.alerts, vehicle, { kind: 'stale-position', severity: 'warning', message, atMs: nowMs });
  }

  hasValidSignature(vehicle: LiveVehicle, message: ReceivedMessage, key: Buffer): boolean {
    const check = this.signatures.verify(message, key);
    if (check === 'valid') {
      vehicle.raisedAlerts.delete('signature-rejected');
      return true;
    }
    vehicle.rejectedPackets += 1;
    const text = describeRejectedSignature(vehicle.callsign, check);
    if (raiseAlert(this.deps.alerts, vehicle, { kind: 'signature-rejected', severity: 'critical', message: text, atMs: message.receivedAtMs })) {
      this.deps.logger.warn({ vehicleId: vehicle.id, corridorId: vehicle.fence?.corridor.id, check }, 'packet with a bad signature rejected');
    }
    return false;
  }

  /** Alert a registered aircraft in flight without a booking, or outside its booked volume or window. */
  checkBooking(vehicle: LiveVehicle, aircraft: { id: string; organisationId: string }, sample: PositionSample): void {
    const conformance = this.deps.bookings.conformanceOf(aircraft, sample);
    vehicle.conformance = conformance.status;
    if (conformance.status === 'conforming') {
      vehicle.raisedAlerts.delete('booking-nonconformance');
      return;
    }
    if (conformance.status === 'unbooked') {
      const message = describeUnbooked(vehicle.callsign);
      raiseAlert(this.deps.alerts, vehicle, { kind: 'unbooked-flight', severity: 'warning', message, atMs: sample.timeMs });
      return;
    }
    const message = describeNonConformance(vehicle.callsign, conformance);
    raiseAlert(this.deps.alerts, vehicle, { kind: 'booking-nonconformance', severity: 'critical', message, atMs: sample.timeMs });
  }

  /** Same (link, sysid, compid) from a new address: a reconnect if the old one went quiet, else two aircraft. */
  onRemoteChange(vehicle: LiveVehicle, message: ReceivedMessage): void {
    if (message.receivedAtMs - vehicle.lastHeardAtMs < this.deps.config.heartbeatTimeoutMs) {
      const text = describeDuplicateSystemId(message.systemId, message.linkId, [vehicle.remote, message.remote]);
      raiseAlert(this.deps.alerts, vehicle, { kind: 'duplicate-system-id', severity: 'critical', message: text, atMs: message.receivedAtMs });
      return;
    }
    this.deps.logger.info({ vehicleId: vehicle.id, from: vehicle.remote, to: message.remote }, 'vehicle reconnected from a new address');
    vehicle.remote = message.remote;
  }
}
