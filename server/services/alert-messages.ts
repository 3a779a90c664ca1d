/** The words operators read on alerts: one template per alert kind, kept together. */
import type { BreachEvent, ConformanceResult } from '../../geofences/index.ts';
import type { AlertKind, ZoneView } from '../contracts/index.ts';

const round = (metres: number): number => Math.round(metres);

/** Alert kind and message for a breach that has just started. */
export function describeBreach(callsign: string, zone: ZoneView, event: BreachEvent): { kind: AlertKind; message: string } {
  if (event.limit === 'ceiling' || event.limit === 'floor') {
    const side = event.limit === 'ceiling' ? 'above the ceiling' : 'below the floor';
    const limitM = event.limit === 'ceiling' ? zone.altitudeMaxM : zone.altitudeMinM;
    return {
      kind: 'ceiling',
      message: `${callsign} is ${round(event.maxVerticalExcursionM)} m ${side} of ${zone.name} (${limitM} m ${zone.altitudeReference})`,
    };
  }
  if (zone.kind === 'inclusion') {
    return { kind: 'corridor-exit', message: `${callsign} left ${zone.name} by ${round(event.maxHorizontalExcursionM)} m` };
  }
  return { kind: 'zone-breach', message: `${callsign} entered ${zone.restriction} zone ${zone.name}` };
}

/** Message for a breach the look-ahead predicts (the aircraft is not in breach yet). */
export function describePredictedBreach(callsign: string, zone: ZoneView, event: BreachEvent): string {
  const when = event.inSeconds === null ? 'soon' : `in about ${Math.max(1, Math.round(event.inSeconds))} s`;
  if (event.limit === 'ceiling') return `${callsign} will climb above the ceiling of ${zone.name} ${when}`;
  if (event.limit === 'floor') return `${callsign} will descend below the floor of ${zone.name} ${when}`;
  return zone.kind === 'inclusion' ? `${callsign} will leave ${zone.name} ${when}` : `${callsign} will enter ${zone.restriction} zone ${zone.name} ${when}`;
}

export function describeLinkLost(callsign: string, timeoutMs: number): string {
  return `${callsign}: no heartbeat for ${timeoutMs / 1000} s — link lost`;
}

export function describeUnregistered(systemId: number, remote: string): string {
  return `Unregistered aircraft: MAVLink system id ${systemId} from ${remote} matches no registered aircraft`;
}

export function describeOutsideCorridors(callsign: string, position: { lon: number; lat: number } | null): string {
  const where = position ? ` at ${position.lat.toFixed(5)}, ${position.lon.toFixed(5)}` : '';
  return `${callsign} is flying outside every corridor${where}`;
}

export function describeStalePosition(callsign: string, staleAfterMs: number): string {
  return `${callsign}: no position for ${staleAfterMs / 1000} s — the map shows its last known position`;
}

export function describeDuplicateSystemId(systemId: number, linkId: string, remotes: [string, string]): string {
  return `Two aircraft use MAVLink system id ${systemId} on ${linkId} (from ${remotes[0]} and ${remotes[1]}): their data cannot be told apart`;
}

export function describeUnbooked(callsign: string): string {
  return `${callsign} is flying with no approved booking`;
}

/** Message for an aircraft outside its booked volume or window. */
export function describeNonConformance(callsign: string, conformance: ConformanceResult): string {
  if (conformance.status === 'outside-window') return `${callsign} is flying outside the time window of its booking`;
  const parts = [
    conformance.horizontalExcursionM > 0 ? `${round(conformance.horizontalExcursionM)} m outside its booked area` : null,
    conformance.verticalExcursionM > 0 ? `${round(conformance.verticalExcursionM)} m outside its booked altitude band` : null,
  ].filter(Boolean);
  return `${callsign} left its booked volume: ${parts.join(' and ') || 'outside it'}`;
}

const SIGNATURE_PROBLEMS = { unsigned: 'an unsigned', 'bad-signature': 'a wrongly signed', replayed: 'a replayed (old timestamp)' } as const;

export function describeRejectedSignature(callsign: string, check: keyof typeof SIGNATURE_PROBLEMS): string {
  return `${callsign} is registered with a MAVLink 2 signing key: ${SIGNATURE_PROBLEMS[check]} packet from its system id was rejected`;
}
