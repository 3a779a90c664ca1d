/**
 * The ArduPilot-like mission logic of a simulated aircraft, pure: arm, climb vertically to a
 * transition height, fly the route in AUTO, then loop or land and disarm; RTL, LAND, GUIDED (hold)
 * and AUTO on request. Its output is a FlightCommand for stepAircraft.
 */
import type { AircraftDefinition, Waypoint } from './aircraft-definition.ts';
import { distanceM } from './geo-math.ts';
import type { AircraftState, FlightCommand } from './physics.ts';

/** Where the aircraft is in its flight. */
export type MissionPhase = 'preflight' | 'takeoff' | 'enroute' | 'holding' | 'returning' | 'landing' | 'landed';
/** The ArduPilot flight modes the simulator uses. */
export type AutopilotMode = 'GUIDED' | 'AUTO' | 'RTL' | 'LAND';

/** Mission progress; plain data. */
export interface MissionState {
  phase: MissionPhase;
  mode: AutopilotMode;
  isArmed: boolean;
  /** Route point being flown to (enroute). */
  waypointIndex: number;
  /** Height held in GUIDED (holding). */
  holdAltitudeM: number;
  /** Seconds since the simulation started. */
  elapsedS: number;
}

/** Height above home at which a vertical take-off turns into forward flight. */
const TRANSITION_HEIGHT_M = 10;
/** A waypoint counts as reached within max(20 m, 2.5 s of flight). */
const MIN_ACCEPTANCE_M = 20;
const ACCEPTANCE_S = 2.5;
const DEFAULT_ARM_AFTER_S = 2;

/** Parked, disarmed, GUIDED, about to fly to route[1]. */
export function createMission(): MissionState {
  return { phase: 'preflight', mode: 'GUIDED', isArmed: false, waypointIndex: 1, holdAltitudeM: 0, elapsedS: 0 };
}

/** Moves the mission on by `dtS` seconds given where the aircraft now is. */
export function advanceMission(mission: MissionState, aircraft: AircraftState, definition: AircraftDefinition, dtS: number): MissionState {
  const next = { ...mission, elapsedS: mission.elapsedS + dtS };
  switch (mission.phase) {
    case 'preflight':
      return next.elapsedS >= (definition.armAfterS ?? DEFAULT_ARM_AFTER_S) ? { ...next, phase: 'takeoff', isArmed: true } : next;
    case 'takeoff':
      return aircraft.altitudeRelativeM >= Math.min(TRANSITION_HEIGHT_M, cruiseAltitude(definition, next.waypointIndex))
        ? { ...next, phase: 'enroute', mode: 'AUTO' }
        : next;
    case 'enroute': {
      if (!isReached(aircraft, waypoint(definition, mission.waypointIndex), definition.speedMps)) return next;
      const following = mission.waypointIndex + 1;
      if (following < definition.route.length) return { ...next, waypointIndex: following };
      return definition.loop ? { ...next, waypointIndex: definition.loopFromIndex ?? 0 } : { ...next, phase: 'landing', mode: 'LAND' };
    }
    case 'returning':
      return isReached(aircraft, waypoint(definition, 0), definition.speedMps) ? { ...next, phase: 'landing' } : next;
    case 'landing':
      return aircraft.altitudeRelativeM <= 0 ? { ...next, phase: 'landed', isArmed: false } : next;
    default:
      return next;
  }
}

/** What the autopilot asks of the airframe now. */
export function missionCommand(mission: MissionState, aircraft: AircraftState, definition: AircraftDefinition): FlightCommand {
  const isArmed = mission.isArmed;
  switch (mission.phase) {
    case 'takeoff':
      return { isArmed, target: null, speedMps: 0, altitudeRelativeM: cruiseAltitude(definition, mission.waypointIndex) };
    case 'enroute': {
      const [lon, lat, altitudeAglM] = waypoint(definition, mission.waypointIndex);
      return { isArmed, target: [lon, lat], speedMps: definition.speedMps, altitudeRelativeM: altitudeAglM };
    }
    case 'returning': {
      const [lon, lat, altitudeAglM] = waypoint(definition, 0);
      return { isArmed, target: [lon, lat], speedMps: definition.speedMps, altitudeRelativeM: Math.max(altitudeAglM, aircraft.altitudeRelativeM) };
    }
    case 'holding':
      return { isArmed, target: null, speedMps: 0, altitudeRelativeM: mission.holdAltitudeM };
    default: // preflight, landing, landed
      return { isArmed, target: null, speedMps: 0, altitudeRelativeM: 0 };
  }
}

/** The mission after a ground station asks for `mode`, or null when refused (on the ground, disarmed). */
export function requestMode(mission: MissionState, aircraft: AircraftState, mode: AutopilotMode): MissionState | null {
  if (!mission.isArmed) return null;
  switch (mode) {
    case 'AUTO': return { ...mission, mode, phase: 'enroute' };
    case 'RTL': return { ...mission, mode, phase: 'returning' };
    case 'LAND': return { ...mission, mode, phase: 'landing' };
    case 'GUIDED': return { ...mission, mode, phase: 'holding', holdAltitudeM: aircraft.altitudeRelativeM };
  }
}

function waypoint(definition: AircraftDefinition, index: number): Waypoint {
  const point = definition.route[index];
  if (point === undefined) throw new Error(`Aircraft ${definition.callsign}: no route[${index}]`);
  return point;
}

function cruiseAltitude(definition: AircraftDefinition, index: number): number {
  return waypoint(definition, index)[2];
}

function isReached(aircraft: AircraftState, point: Waypoint, speedMps: number): boolean {
  return distanceM([aircraft.lon, aircraft.lat], [point[0], point[1]]) <= Math.max(MIN_ACCEPTANCE_M, speedMps * ACCEPTANCE_S);
}
