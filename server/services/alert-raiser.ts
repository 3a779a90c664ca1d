/** Raises alerts about a vehicle: once per episode unless repeatable, stored and pushed live. */
import { randomUUID } from 'node:crypto';
import type { AlertView } from '../contracts/index.ts';
import type { IngestStore } from './ingest-store.ts';
import type { LiveVehicle } from './live-vehicle.ts';

export interface AlertRaiserDeps {
  store: Pick<IngestStore, 'addAlert'>;
  publish: (alert: AlertView) => void;
}

export interface AlertRequest {
  kind: AlertView['kind'];
  severity: AlertView['severity'];
  message: string;
  atMs: number;
  zoneId?: string | null;
  /** Breaches are raised every time; the other kinds once until their episode ends. */
  isRepeatable?: boolean;
}

/** Raise `request` about `vehicle`; returns the alert, or null when it was already raised. */
export function raiseAlert(deps: AlertRaiserDeps, vehicle: LiveVehicle, request: AlertRequest): AlertView | null {
  if (!request.isRepeatable && vehicle.raisedAlerts.has(request.kind)) return null;
  vehicle.raisedAlerts.add(request.kind);
  const alert: AlertView = {
    id: randomUUID(),
    kind: request.kind,
    severity: request.severity,
    message: request.message,
    vehicleId: vehicle.id,
    systemId: vehicle.state.systemId,
    corridorId: vehicle.fence?.corridor.id ?? null,
    organisationId: vehicle.aircraft?.organisationId ?? null,
    zoneId: request.zoneId ?? null,
    raisedAtMs: request.atMs,
    acknowledgedAtMs: null,
    acknowledgedBy: null,
    acknowledgementComment: null,
  };
  deps.store.addAlert(alert, vehicle.flightId);
  deps.publish(alert);
  return alert;
}
