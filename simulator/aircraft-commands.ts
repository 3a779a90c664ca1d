/**
 * How a simulated aircraft answers COMMAND_LONG from a ground station, pure: RTL, LAND, DO_SET_MODE
 * (GUIDED/AUTO/RTL/LAND custom modes), arm/disarm on the ground and SET_MESSAGE_INTERVAL.
 * Command and result numbers: MAV_CMD and MAV_RESULT in the MAVLink common spec.
 */
import type { AircraftKind } from './aircraft-definition.ts';
import { CUSTOM_MODES } from './aircraft-telemetry.ts';
import { createMission, requestMode, type AutopilotMode, type MissionState } from './autopilot.ts';
import type { AircraftState } from './physics.ts';

/** MAV_CMD numbers handled here. */
export const MAV_CMD = {
  NAV_RETURN_TO_LAUNCH: 20, NAV_LAND: 21, DO_SET_MODE: 176, COMPONENT_ARM_DISARM: 400, SET_MESSAGE_INTERVAL: 511,
} as const;

/** MAV_RESULT numbers. */
export const MAV_RESULT = { ACCEPTED: 0, DENIED: 2, UNSUPPORTED: 3 } as const;

/** A COMMAND_LONG's command number and its seven parameters. */
export interface CommandRequest {
  command: number;
  params: readonly number[];
}

/** What a command did: its MAV_RESULT, and the new mission or message interval if it changed one. */
export interface CommandEffect {
  result: number;
  mission?: MissionState;
  /** SET_MESSAGE_INTERVAL: message id and interval in µs (-1 = stop, 0 = default). */
  messageInterval?: { messageId: number; intervalUs: number };
  /** A line for STATUSTEXT. */
  text?: string;
}

const MAV_MODE_FLAG_CUSTOM_MODE_ENABLED = 1;

/** The effect of one command on an aircraft of `kind` in `mission`; never throws. */
export function interpretCommand(request: CommandRequest, kind: AircraftKind, mission: MissionState, aircraft: AircraftState): CommandEffect {
  const [param1 = 0, param2 = 0] = request.params;
  switch (request.command) {
    case MAV_CMD.NAV_RETURN_TO_LAUNCH: return changeMode(mission, aircraft, 'RTL');
    case MAV_CMD.NAV_LAND: return changeMode(mission, aircraft, 'LAND');
    case MAV_CMD.DO_SET_MODE: {
      const mode = (Object.entries(CUSTOM_MODES[kind]) as Array<[AutopilotMode, number]>).find(([, number]) => number === param2)?.[0];
      const usesCustomMode = (Math.round(param1) & MAV_MODE_FLAG_CUSTOM_MODE_ENABLED) !== 0;
      return mode === undefined || !usesCustomMode ? { result: MAV_RESULT.DENIED } : changeMode(mission, aircraft, mode);
    }
    case MAV_CMD.COMPONENT_ARM_DISARM: return armOrDisarm(param1 === 1, mission, aircraft);
    case MAV_CMD.SET_MESSAGE_INTERVAL:
      return { result: MAV_RESULT.ACCEPTED, messageInterval: { messageId: Math.round(param1), intervalUs: Math.round(param2) } };
    default: return { result: MAV_RESULT.UNSUPPORTED };
  }
}

function changeMode(mission: MissionState, aircraft: AircraftState, mode: AutopilotMode): CommandEffect {
  const next = requestMode(mission, aircraft, mode);
  return next === null ? { result: MAV_RESULT.DENIED } : { result: MAV_RESULT.ACCEPTED, mission: next, text: `Mode ${mode}` };
}

/** Arming restarts the mission from take-off; disarming is refused in the air (the simulator never drops an aircraft). */
function armOrDisarm(arm: boolean, mission: MissionState, aircraft: AircraftState): CommandEffect {
  const onGround = aircraft.altitudeRelativeM <= 0;
  if (arm) {
    if (mission.isArmed) return { result: MAV_RESULT.ACCEPTED };
    return { result: MAV_RESULT.ACCEPTED, mission: { ...createMission(), elapsedS: mission.elapsedS, phase: 'takeoff', isArmed: true }, text: 'Arming motors' };
  }
  if (!mission.isArmed) return { result: MAV_RESULT.ACCEPTED };
  if (!onGround) return { result: MAV_RESULT.DENIED };
  return { result: MAV_RESULT.ACCEPTED, mission: { ...mission, phase: 'landed', isArmed: false }, text: 'Disarming motors' };
}
