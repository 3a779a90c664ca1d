/**
 * How a simulated aircraft answers COMMAND_LONG from a ground station, pure: RTL, LAND, take-off,
 * mode changes (DO_SET_MODE with ArduPilot custom modes, MISSION_START), arm/disarm, and the
 * requests only its channel can serve (SET_MESSAGE_INTERVAL, REQUEST_MESSAGE, GET_HOME_POSITION).
 * Command and result numbers: MAV_CMD and MAV_RESULT in the MAVLink common spec.
 */
import type { AircraftKind } from './aircraft-definition.ts';
import { CUSTOM_MODES } from './aircraft-telemetry.ts';
import { isOnGround, requestMode, type AutopilotMode, type MissionState } from './autopilot.ts';
import type { AircraftState } from './physics.ts';

/** MAV_CMD numbers handled here. */
export const MAV_CMD = {
  NAV_RETURN_TO_LAUNCH: 20, NAV_LAND: 21, NAV_TAKEOFF: 22, DO_SET_MODE: 176, MISSION_START: 300, COMPONENT_ARM_DISARM: 400,
  GET_HOME_POSITION: 410, SET_MESSAGE_INTERVAL: 511, REQUEST_MESSAGE: 512,
} as const;

/** MAV_RESULT numbers. */
export const MAV_RESULT = { ACCEPTED: 0, TEMPORARILY_REJECTED: 1, DENIED: 2, UNSUPPORTED: 3, FAILED: 4 } as const;

/** A COMMAND_LONG's command number and its seven parameters. */
export interface CommandRequest {
  command: number;
  params: readonly number[];
}

/** What a command did: its MAV_RESULT, and what changed or must be sent. */
export interface CommandEffect {
  result: number;
  mission?: MissionState;
  /** SET_MESSAGE_INTERVAL: message id and interval in µs (-1 = stop, 0 = default), for the channel it came on. */
  messageInterval?: { messageId: number; intervalUs: number };
  /** REQUEST_MESSAGE / GET_HOME_POSITION: a message to send once on the channel it came on. */
  requestedMessageId?: number;
  /** A line for STATUSTEXT. */
  text?: string;
}

const MAV_MODE_FLAG_CUSTOM_MODE_ENABLED = 1;
const HOME_POSITION_ID = 242;

/** The mode a custom_mode number means for this kind of aircraft, if it flies it. */
export function modeForCustomMode(kind: AircraftKind, customMode: number): AutopilotMode | undefined {
  return (Object.entries(CUSTOM_MODES[kind]) as Array<[AutopilotMode, number]>).find(([, number]) => number === customMode)?.[0];
}

/** The effect of one command on an aircraft of `kind` in `mission`; never throws. */
export function interpretCommand(request: CommandRequest, kind: AircraftKind, mission: MissionState, aircraft: AircraftState): CommandEffect {
  const [param1 = 0, param2 = 0, , , , , param7 = 0] = request.params;
  switch (request.command) {
    case MAV_CMD.NAV_RETURN_TO_LAUNCH: return changeMode(mission, aircraft, 'RTL');
    case MAV_CMD.NAV_LAND: return changeMode(mission, aircraft, 'LAND');
    case MAV_CMD.NAV_TAKEOFF: return takeoff(mission, aircraft, param7);
    case MAV_CMD.DO_SET_MODE: {
      const mode = modeForCustomMode(kind, Math.round(param2));
      const usesCustomMode = (Math.round(param1) & MAV_MODE_FLAG_CUSTOM_MODE_ENABLED) !== 0;
      return mode === undefined || !usesCustomMode ? { result: MAV_RESULT.DENIED } : changeMode(mission, aircraft, mode);
    }
    case MAV_CMD.MISSION_START: return mission.isArmed ? changeMode(mission, aircraft, 'AUTO') : { result: MAV_RESULT.DENIED };
    case MAV_CMD.COMPONENT_ARM_DISARM: return armOrDisarm(Math.round(param1) === 1, mission, aircraft);
    case MAV_CMD.SET_MESSAGE_INTERVAL:
      return { result: MAV_RESULT.ACCEPTED, messageInterval: { messageId: Math.round(param1), intervalUs: Math.round(param2) } };
    case MAV_CMD.REQUEST_MESSAGE: return { result: MAV_RESULT.ACCEPTED, requestedMessageId: Math.round(param1) };
    case MAV_CMD.GET_HOME_POSITION: return { result: MAV_RESULT.ACCEPTED, requestedMessageId: HOME_POSITION_ID };
    default: return { result: MAV_RESULT.UNSUPPORTED };
  }
}

/** Applies a mode change (the caller checked the airframe has it). */
export function changeMode(mission: MissionState, aircraft: AircraftState, mode: AutopilotMode): CommandEffect {
  return { result: MAV_RESULT.ACCEPTED, mission: requestMode(mission, aircraft, mode), text: `Mode ${mode}` };
}

/** GUIDED take-off (MAV_CMD_NAV_TAKEOFF, param7 = height above home): only armed, on the ground, in GUIDED, as ArduCopter requires. */
function takeoff(mission: MissionState, aircraft: AircraftState, heightM: number): CommandEffect {
  if (!mission.isArmed || !isOnGround(mission) || mission.mode !== 'GUIDED' || !(heightM > 0)) return { result: MAV_RESULT.FAILED };
  return {
    result: MAV_RESULT.ACCEPTED,
    mission: { ...mission, phase: 'takeoff', takeoffAltitudeM: heightM, holdCentre: [aircraft.lon, aircraft.lat] },
    text: `Takeoff to ${Math.round(heightM)} m`,
  };
}

/**
 * Arming: in AUTO the mission's take-off starts at once; in any other mode the aircraft waits, armed,
 * for a take-off command or AUTO. Disarming is refused in the air (the simulator never drops an aircraft).
 */
function armOrDisarm(arm: boolean, mission: MissionState, aircraft: AircraftState): CommandEffect {
  if (arm) {
    if (mission.isArmed) return { result: MAV_RESULT.ACCEPTED };
    const armed: MissionState = { ...mission, isArmed: true, phase: 'ready', waypointIndex: 1, takeoffAltitudeM: null, hasBatteryFailsafe: false };
    return { result: MAV_RESULT.ACCEPTED, mission: mission.mode === 'AUTO' ? requestMode(armed, aircraft, 'AUTO') : armed, text: 'Arming motors' };
  }
  if (!mission.isArmed) return { result: MAV_RESULT.ACCEPTED };
  if (aircraft.altitudeRelativeM > 0) return { result: MAV_RESULT.DENIED };
  return { result: MAV_RESULT.ACCEPTED, mission: { ...mission, phase: 'landed', isArmed: false }, text: 'Disarming motors' };
}
