/**
 * The ArduPilot-like mission logic of a simulated aircraft, pure: arm, climb vertically to a
 * transition height, fly the plan in AUTO, then loop, land, return or hold; GUIDED take-off and hold,
 * LOITER, BRAKE, RTL and LAND on request. What it asks of the airframe is in mission-command.ts.
 */
import type { AircraftKind, Waypoint } from './aircraft-definition.ts';
import { distanceM, type LonLat } from './geo-math.ts';
import type { AircraftState } from './physics.ts';

/** Where the aircraft is in its flight ('ready': armed on the ground, waiting for a take-off). */
export type MissionPhase = 'preflight' | 'ready' | 'takeoff' | 'enroute' | 'holding' | 'returning' | 'landing' | 'landed';
/** The ArduPilot flight modes the simulator flies. */
export type AutopilotMode = 'GUIDED' | 'AUTO' | 'RTL' | 'LAND' | 'LOITER' | 'BRAKE';

/** What the aircraft flies in AUTO: a scenario's route, or a mission a ground station uploaded. */
export interface FlightPlan {
  kind: AircraftKind;
  /** route[0] is home; AUTO flies route[1], route[2], … */
  route: readonly Waypoint[];
  /** Cruise ground speed. */
  speedMps: number;
  /** After the last point: fly on to route[loopFromIndex] (default 0). */
  loop: boolean;
  loopFromIndex?: number;
  /** Seconds before it arms by itself (default 2); null = never, a ground station arms it. */
  armAfterS?: number | null;
  /** After the last point when not looping: land there (default), return home, or hold there. */
  endAction?: 'land' | 'rtl' | 'hold';
}

/** Mission progress; plain data. */
export interface MissionState {
  phase: MissionPhase;
  mode: AutopilotMode;
  isArmed: boolean;
  /** Route point being flown to (enroute). */
  waypointIndex: number;
  /** Height held while holding. */
  holdAltitudeM: number;
  /** Where it holds (a fixed wing circles it) or, while landing, the spot it lands on (null: where it stops). */
  holdCentre: LonLat | null;
  /** A GUIDED take-off's target height; null for a mission take-off. */
  takeoffAltitudeM: number | null;
  /** The battery failsafe has fired (it fires once). */
  hasBatteryFailsafe: boolean;
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
  return {
    phase: 'preflight', mode: 'GUIDED', isArmed: false, waypointIndex: 1, holdAltitudeM: 0, holdCentre: null,
    takeoffAltitudeM: null, hasBatteryFailsafe: false, elapsedS: 0,
  };
}

/** True while the aircraft stands on the ground. */
export function isOnGround(mission: MissionState): boolean {
  return mission.phase === 'preflight' || mission.phase === 'ready' || mission.phase === 'landed';
}

/** Moves the mission on by `dtS` seconds given where the aircraft now is. */
export function advanceMission(mission: MissionState, aircraft: AircraftState, plan: FlightPlan, dtS: number): MissionState {
  const next = { ...mission, elapsedS: mission.elapsedS + dtS };
  switch (mission.phase) {
    case 'preflight': {
      const armAfterS = plan.armAfterS === undefined ? DEFAULT_ARM_AFTER_S : plan.armAfterS;
      return armAfterS !== null && next.elapsedS >= armAfterS ? { ...next, phase: 'takeoff', isArmed: true } : next;
    }
    case 'takeoff':
      if (mission.takeoffAltitudeM !== null) {
        if (aircraft.altitudeRelativeM < mission.takeoffAltitudeM - 0.5) return next;
        return { ...next, phase: 'holding', holdAltitudeM: mission.takeoffAltitudeM, holdCentre: [aircraft.lon, aircraft.lat], takeoffAltitudeM: null };
      }
      return aircraft.altitudeRelativeM >= Math.min(TRANSITION_HEIGHT_M, cruiseAltitude(plan, next.waypointIndex))
        ? { ...next, phase: 'enroute', mode: 'AUTO' }
        : next;
    case 'enroute': {
      const point = plan.route[mission.waypointIndex];
      if (point !== undefined && !isReached(aircraft, point, plan.speedMps)) return next;
      const following = mission.waypointIndex + 1;
      return point !== undefined && following < plan.route.length ? { ...next, waypointIndex: following } : finishRoute(next, plan);
    }
    case 'returning': {
      const [lon, lat] = home(plan);
      return isReached(aircraft, home(plan), plan.speedMps) ? { ...next, phase: 'landing', holdCentre: [lon, lat] } : next;
    }
    case 'landing':
      return aircraft.altitudeRelativeM <= 0 ? { ...next, phase: 'landed', isArmed: false } : next;
    default:
      return next;
  }
}

/**
 * The mission after a ground station asks for `mode`. On the ground only the mode changes (AUTO with
 * the motors armed starts the mission's take-off); in the air AUTO resumes the plan, RTL returns, LAND
 * lands, GUIDED / LOITER / BRAKE hold where the aircraft is. Whether the airframe has the mode at all
 * (ArduPlane has no BRAKE) is for the caller to check.
 */
export function requestMode(mission: MissionState, aircraft: AircraftState, mode: AutopilotMode): MissionState {
  const next = { ...mission, mode };
  if (isOnGround(mission)) {
    return mission.isArmed && mode === 'AUTO' ? { ...next, phase: 'takeoff', waypointIndex: 1, takeoffAltitudeM: null } : next;
  }
  switch (mode) {
    case 'AUTO': return { ...next, phase: 'enroute' };
    case 'RTL': return { ...next, phase: 'returning' };
    case 'LAND': return { ...next, phase: 'landing', holdCentre: null };
    default: return { ...next, phase: 'holding', holdAltitudeM: aircraft.altitudeRelativeM, holdCentre: [aircraft.lon, aircraft.lat], takeoffAltitudeM: null };
  }
}

/** STATUSTEXT lines for what a step of the mission changed: arming, take-off done, each waypoint, the landing, disarming. */
export function progressTexts(before: MissionState, after: MissionState): string[] {
  const texts: string[] = [];
  if (!before.isArmed && after.isArmed) texts.push('Arming motors');
  if (before.phase === 'takeoff' && after.phase === 'enroute') texts.push('Mission: takeoff complete');
  if (before.phase === 'enroute' && after.waypointIndex !== before.waypointIndex) texts.push(`Reached waypoint #${before.waypointIndex}`);
  if (before.phase === 'enroute' && after.phase === 'landing') texts.push('Mission complete: landing');
  if (before.isArmed && !after.isArmed) texts.push('Disarming motors');
  return texts;
}

/** The end of the route: loop, land at the last point, return home, or hold at the last point. */
function finishRoute(next: MissionState, plan: FlightPlan): MissionState {
  if (plan.loop) return { ...next, waypointIndex: plan.loopFromIndex ?? 0 };
  const last = plan.route.at(-1) ?? home(plan);
  switch (plan.endAction ?? 'land') {
    case 'rtl': return { ...next, phase: 'returning', mode: 'RTL' };
    case 'hold': return { ...next, phase: 'holding', holdCentre: [last[0], last[1]], holdAltitudeM: last[2] };
    default: return { ...next, phase: 'landing', mode: 'LAND', holdCentre: [last[0], last[1]] };
  }
}

/** The plan's home point (route[0]); throws for a plan without one. */
export function home(plan: FlightPlan): Waypoint {
  const point = plan.route[0];
  if (point === undefined) throw new Error('FlightPlan: route needs at least its home point');
  return point;
}

/** The height to climb to for route point `index` (the last point's beyond the end). */
export function cruiseAltitude(plan: FlightPlan, index: number): number {
  return (plan.route[index] ?? plan.route.at(-1) ?? home(plan))[2];
}

function isReached(aircraft: AircraftState, point: Waypoint, speedMps: number): boolean {
  return distanceM([aircraft.lon, aircraft.lat], [point[0], point[1]]) <= Math.max(MIN_ACCEPTANCE_M, speedMps * ACCEPTANCE_S);
}
