/** What kind of ArduPilot vehicle a simulated aircraft claims to be (ArduPlane here means a QuadPlane: VTOL take-off and landing). */
export type AircraftKind = 'copter' | 'plane';

/** A route point: [lon, lat] degrees and the altitude to fly towards it, metres above ground (above home). */
export type Waypoint = readonly [lon: number, lat: number, altitudeAglM: number];

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
  /** Seconds on the ground, disarmed, before arming; default 2. */
  armAfterS?: number;
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
  if (armAfterS !== undefined && !(armAfterS >= 0)) throw new Error(invalid(callsign, 'armAfterS', 'a number of seconds ≥ 0', armAfterS));
  return definition;
}
