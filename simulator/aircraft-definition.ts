import { SIGNING_KEY_BYTES } from '../protocol/index.ts';
import type { AircraftPerformance } from './physics.ts';

/** What kind of ArduPilot vehicle a simulated aircraft claims to be (ArduPlane here means a QuadPlane: VTOL take-off and landing). */
export type AircraftKind = 'copter' | 'plane';

/** A route point: [lon, lat] degrees and the altitude to fly towards it, metres above ground (above home). */
export type Waypoint = readonly [lon: number, lat: number, altitudeAglM: number];

/** A spell with no radio link: the aircraft neither sends nor hears anything from atS for durationS (simulated seconds since start). */
export interface LinkOutage {
  atS: number;
  durationS: number;
}

/** One simulated aircraft of a scenario. */
export interface AircraftDefinition {
  /** MAVLink system id, 1–255. */
  systemId: number;
  callsign: string;
  kind: AircraftKind;
  /** route[0] is home, where it takes off; it then flies route[1], route[2], … At least 2 points. */
  route: readonly Waypoint[];
  /** Cruise ground speed. */
  speedMps: number;
  /** After the last point: true → fly on to route[loopFromIndex]; false → land there and disarm. */
  loop: boolean;
  /** Where a loop starts again; default 0 (home). */
  loopFromIndex?: number;
  /** Ground altitude at home above mean sea level. */
  homeAltitudeMslM: number;
  /** Seconds on the ground, disarmed, before it arms and flies its route by itself; default 2; null = wait for a ground station to arm it (as SITL does). */
  armAfterS?: number | null;
  /** Airframe limits over the profile of its kind (PERFORMANCE_PROFILES). */
  performance?: Partial<AircraftPerformance>;
  /** Battery charge at start, %; default 100. */
  batteryPct?: number;
  /** Battery failsafe: at or below this charge in flight it warns (STATUSTEXT) and returns home (RTL); default 20; 0 disables. */
  batteryFailsafePct?: number;
  /** Radio silences (the link-loss scenario). */
  linkOutages?: readonly LinkOutage[];
  /** MAVLink 2 signing key (32 bytes, signingKeyFromPassphrase): every frame it sends is signed. */
  signingKey?: Buffer;
  /** With a signingKey: stops signing this many simulated seconds after start (a misconfigured or spoofed aircraft). */
  unsignedAfterS?: number;
}

/** True during one of the definition's radio silences, `nowS` simulated seconds after start. */
export function isLinkDownAt(definition: Pick<AircraftDefinition, 'linkOutages'>, nowS: number): boolean {
  return (definition.linkOutages ?? []).some((outage) => nowS >= outage.atS && nowS < outage.atS + outage.durationS);
}

/** True while the aircraft signs what it sends: it has a key, and its unsignedAfterS (if any) has not come. */
export function isSigningAt(definition: Pick<AircraftDefinition, 'signingKey' | 'unsignedAfterS'>, nowS: number): boolean {
  return definition.signingKey !== undefined && (definition.unsignedAfterS === undefined || nowS < definition.unsignedAfterS);
}

const invalid = (callsign: unknown, field: string, expected: string, value: unknown): string =>
  `Aircraft ${JSON.stringify(callsign)}: ${field} must be ${expected}, got ${JSON.stringify(value)}`;

/** Checks a definition at the simulator's boundary; returns it, or throws an Error naming the bad field. */
export function validateAircraftDefinition(definition: AircraftDefinition): AircraftDefinition {
  const { systemId, callsign, kind, route, speedMps, loopFromIndex, homeAltitudeMslM, armAfterS } = definition;
  if (!Number.isInteger(systemId) || systemId < 1 || systemId > 255) throw new Error(invalid(callsign, 'systemId', 'an integer 1–255', systemId));
  if (kind !== 'copter' && kind !== 'plane') throw new Error(invalid(callsign, 'kind', "'copter' or 'plane'", kind));
  if (!Array.isArray(route) || route.length < 2) throw new Error(invalid(callsign, 'route', 'at least 2 [lon, lat, altitudeAglM] points', route));
  route.forEach((point, index) => {
    const [lon, lat, altitudeAglM] = point;
    const isValid = point.length === 3 && Math.abs(lon) <= 180 && Math.abs(lat) <= 90 && altitudeAglM > 0 && altitudeAglM <= 10_000;
    if (!isValid) throw new Error(invalid(callsign, `route[${index}]`, '[lon, lat, altitudeAglM] with altitude 0–10,000 m', point));
  });
  if (!(speedMps > 0 && speedMps <= 100)) throw new Error(invalid(callsign, 'speedMps', 'a number in (0, 100]', speedMps));
  if (loopFromIndex !== undefined && !(Number.isInteger(loopFromIndex) && loopFromIndex >= 0 && loopFromIndex < route.length)) {
    throw new Error(invalid(callsign, 'loopFromIndex', `an index into route (0–${route.length - 1})`, loopFromIndex));
  }
  if (!Number.isFinite(homeAltitudeMslM)) throw new Error(invalid(callsign, 'homeAltitudeMslM', 'a number of metres', homeAltitudeMslM));
  if (armAfterS !== undefined && armAfterS !== null && !(armAfterS >= 0)) throw new Error(invalid(callsign, 'armAfterS', 'a number of seconds ≥ 0 or null', armAfterS));
  validateOptionalFields(definition);
  return definition;
}

function validateOptionalFields(definition: AircraftDefinition): void {
  const { callsign, batteryPct, batteryFailsafePct, linkOutages, signingKey, unsignedAfterS, performance } = definition;
  if (batteryPct !== undefined && !(batteryPct > 0 && batteryPct <= 100)) throw new Error(invalid(callsign, 'batteryPct', 'a percentage in (0, 100]', batteryPct));
  if (batteryFailsafePct !== undefined && !(batteryFailsafePct >= 0 && batteryFailsafePct < 100)) {
    throw new Error(invalid(callsign, 'batteryFailsafePct', 'a percentage in [0, 100)', batteryFailsafePct));
  }
  linkOutages?.forEach((outage, index) => {
    if (!(outage.atS >= 0 && outage.durationS > 0)) throw new Error(invalid(callsign, `linkOutages[${index}]`, '{ atS ≥ 0, durationS > 0 }', outage));
  });
  if (signingKey !== undefined && !(Buffer.isBuffer(signingKey) && signingKey.length === SIGNING_KEY_BYTES)) {
    throw new Error(invalid(callsign, 'signingKey', `a ${SIGNING_KEY_BYTES}-byte Buffer (signingKeyFromPassphrase)`, Buffer.isBuffer(signingKey) ? `${signingKey.length} bytes` : typeof signingKey));
  }
  if (unsignedAfterS !== undefined && !(unsignedAfterS >= 0 && signingKey !== undefined)) {
    throw new Error(invalid(callsign, 'unsignedAfterS', 'a number of seconds ≥ 0, with a signingKey', unsignedAfterS));
  }
  for (const [name, value] of Object.entries(performance ?? {})) {
    if (!(typeof value === 'number' && value >= 0 && Number.isFinite(value))) throw new Error(invalid(callsign, `performance.${name}`, 'a number ≥ 0', value));
  }
}
