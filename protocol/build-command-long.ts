/**
 * COMMAND_LONGs an operator sends (https://mavlink.io/en/messages/common.html#COMMAND_LONG), built
 * the way ArduPilot and PX4 take them: RTL and LAND as NAV commands, LOITER and BRAKE as a mode
 * change (MAV_CMD_DO_SET_MODE with the autopilot's own custom mode). Pure; the caller encodes and sends.
 */
import { common } from 'node-mavlink';
import { ardupilotFamily, MAV_AUTOPILOT_ARDUPILOTMEGA, MAV_AUTOPILOT_PX4 } from './vehicle-family.ts';

/** Commands the platform sends on an operator's behalf. */
export type OperatorCommand = 'rtl' | 'land' | 'loiter' | 'brake' | 'arm' | 'disarm' | 'set-message-interval';

/** Who receives the command; vehicleType (MAV_TYPE) and autopilot (MAV_AUTOPILOT) from its HEARTBEAT pick the mode numbers. */
export interface CommandTarget {
  systemId: number;
  componentId: number;
  vehicleType?: number | null;
  autopilot?: number | null;
}

/** Parameters some commands need. */
export interface CommandParams {
  /** set-message-interval: the message id, e.g. 33 for GLOBAL_POSITION_INT. */
  messageId?: number;
  /** set-message-interval: µs between messages; -1 stops the message, 0 restores its default rate. */
  intervalUs?: number;
  /** arm/disarm: skip the pre-arm checks or disarm in flight (param2 = 21196, as the spec defines). */
  force?: boolean;
}

/** MAV_CMD numbers (common.xml). */
const MAV_CMD = {
  NAV_RETURN_TO_LAUNCH: 20, NAV_LAND: 21, DO_SET_MODE: 176, COMPONENT_ARM_DISARM: 400, SET_MESSAGE_INTERVAL: 511,
} as const;
const MAV_MODE_FLAG_CUSTOM_MODE_ENABLED = 1;
const FORCE_ARM_DISARM = 21196;
/** ArduPilot custom modes (ArduCopter/mode.h, ArduPlane/mode.h); ArduPlane has no BRAKE. */
const ARDUPILOT_MODES = { copter: { loiter: 5, brake: 17 }, plane: { loiter: 12 } } as const;
/** PX4 AUTO main mode and its LOITER ("Hold") sub mode (px4_custom_mode.h); Hold brakes to a stop, then holds. */
const PX4_MAIN_MODE_AUTO = 4;
const PX4_SUB_MODE_AUTO_LOITER = 3;

const badTarget = (field: string, value: unknown): string => `buildCommandLong: target.${field} must be an integer 0–255, got ${String(value)}`;
const badCommand = (value: unknown): string =>
  `buildCommandLong: command must be one of rtl, land, loiter, brake, arm, disarm, set-message-interval; got ${JSON.stringify(value)}`;
const noMode = (command: string, target: CommandTarget): string =>
  `buildCommandLong: cannot ${command} this vehicle (autopilot ${String(target.autopilot)}, type ${String(target.vehicleType)}); `
  + 'loiter needs an ArduCopter, ArduPlane or PX4 vehicle heard from (HEARTBEAT), brake an ArduCopter or PX4 one';
const badInterval = (field: string, value: unknown): string =>
  `buildCommandLong: set-message-interval needs params.${field} as ${field === 'messageId' ? 'an integer 0–16777215' : 'a number of µs ≥ -1'}, got ${String(value)}`;

/**
 * The COMMAND_LONG for `command` addressed to `target`, e.g. buildCommandLong({ systemId: 12, componentId: 1 }, 'rtl')
 * → NAV_RETURN_TO_LAUNCH (20). Throws an Error naming a bad target, an unknown command, missing interval params,
 * or a mode the vehicle's autopilot does not have (LOITER needs a known copter/plane/PX4; BRAKE is not on ArduPlane).
 */
export function buildCommandLong(target: CommandTarget, command: OperatorCommand, params: CommandParams = {}): common.CommandLong {
  for (const field of ['systemId', 'componentId'] as const) {
    const value = target?.[field];
    if (!Number.isInteger(value) || value < 0 || value > 255) throw new Error(badTarget(field, value));
  }
  switch (command) {
    case 'rtl': return commandLong(target, MAV_CMD.NAV_RETURN_TO_LAUNCH, []);
    case 'land': return commandLong(target, MAV_CMD.NAV_LAND, []);
    case 'loiter':
    case 'brake': return commandLong(target, MAV_CMD.DO_SET_MODE, modeParams(target, command));
    case 'arm':
    case 'disarm': return commandLong(target, MAV_CMD.COMPONENT_ARM_DISARM, [command === 'arm' ? 1 : 0, params.force === true ? FORCE_ARM_DISARM : 0]);
    case 'set-message-interval': {
      const { messageId, intervalUs } = params;
      if (!Number.isInteger(messageId) || (messageId as number) < 0 || (messageId as number) > 0xffffff) throw new Error(badInterval('messageId', messageId));
      if (typeof intervalUs !== 'number' || !Number.isFinite(intervalUs) || intervalUs < -1) throw new Error(badInterval('intervalUs', intervalUs));
      return commandLong(target, MAV_CMD.SET_MESSAGE_INTERVAL, [messageId as number, intervalUs]);
    }
    default: throw new Error(badCommand(command));
  }
}

/** DO_SET_MODE params for LOITER or BRAKE on the target's autopilot. */
function modeParams(target: CommandTarget, command: 'loiter' | 'brake'): number[] {
  if (target.autopilot === MAV_AUTOPILOT_PX4) return [MAV_MODE_FLAG_CUSTOM_MODE_ENABLED, PX4_MAIN_MODE_AUTO, PX4_SUB_MODE_AUTO_LOITER];
  const family = target.autopilot === MAV_AUTOPILOT_ARDUPILOTMEGA && typeof target.vehicleType === 'number' ? ardupilotFamily(target.vehicleType) : null;
  const modes: Partial<Record<'loiter' | 'brake', number>> | undefined = family === null ? undefined : ARDUPILOT_MODES[family];
  const customMode = modes?.[command];
  if (customMode === undefined) throw new Error(noMode(command, target));
  return [MAV_MODE_FLAG_CUSTOM_MODE_ENABLED, customMode];
}

function commandLong(target: CommandTarget, command: number, params: number[]): common.CommandLong {
  const message = new common.CommandLong();
  message.targetSystem = target.systemId;
  message.targetComponent = target.componentId;
  message.command = command as common.MavCmd;
  message.confirmation = 0;
  const [p1 = 0, p2 = 0, p3 = 0, p4 = 0, p5 = 0, p6 = 0, p7 = 0] = params;
  Object.assign(message, { _param1: p1, _param2: p2, _param3: p3, _param4: p4, _param5: p5, _param6: p6, _param7: p7 });
  return message;
}
