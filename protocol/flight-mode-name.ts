import { ardupilotFamily, MAV_AUTOPILOT_ARDUPILOTMEGA, MAV_AUTOPILOT_PX4 } from './vehicle-family.ts';

/** MAV_MODE_FLAG_CUSTOM_MODE_ENABLED. */
const CUSTOM_MODE_ENABLED = 1;

/** ArduCopter custom_mode numbers (ArduCopter/mode.h), named as pymavlink and ground stations show them. */
const COPTER_MODES: Readonly<Record<number, string>> = {
  0: 'STABILIZE', 1: 'ACRO', 2: 'ALT_HOLD', 3: 'AUTO', 4: 'GUIDED', 5: 'LOITER', 6: 'RTL', 7: 'CIRCLE',
  9: 'LAND', 11: 'DRIFT', 13: 'SPORT', 14: 'FLIP', 15: 'AUTOTUNE', 16: 'POSHOLD', 17: 'BRAKE', 18: 'THROW',
  19: 'AVOID_ADSB', 20: 'GUIDED_NOGPS', 21: 'SMART_RTL', 22: 'FLOWHOLD', 23: 'FOLLOW', 24: 'ZIGZAG',
  25: 'SYSTEMID', 26: 'AUTOROTATE', 27: 'AUTO_RTL', 28: 'TURTLE',
};

/** ArduPlane custom_mode numbers (ArduPlane/mode.h), named as pymavlink and ground stations show them. */
const PLANE_MODES: Readonly<Record<number, string>> = {
  0: 'MANUAL', 1: 'CIRCLE', 2: 'STABILIZE', 3: 'TRAINING', 4: 'ACRO', 5: 'FBWA', 6: 'FBWB', 7: 'CRUISE',
  8: 'AUTOTUNE', 10: 'AUTO', 11: 'RTL', 12: 'LOITER', 13: 'TAKEOFF', 14: 'AVOID_ADSB', 15: 'GUIDED',
  16: 'INITIALISING', 17: 'QSTABILIZE', 18: 'QHOVER', 19: 'QLOITER', 20: 'QLAND', 21: 'QRTL',
  22: 'QAUTOTUNE', 23: 'QACRO', 24: 'THERMAL', 25: 'LOITERALTQLAND', 26: 'AUTOLAND',
};

/** PX4 main modes (px4_custom_mode.h), named as pymavlink's mode_string_px4 does. */
const PX4_MAIN_MODES: Readonly<Record<number, string>> = {
  1: 'MANUAL', 2: 'ALTCTL', 3: 'POSCTL', 4: 'AUTO', 5: 'ACRO', 6: 'OFFBOARD', 7: 'STABILIZED', 8: 'RATTITUDE', 10: 'TERMINATION',
};
/** PX4 sub modes of AUTO (LOITER is what QGroundControl calls Hold, RTL Return). */
const PX4_AUTO_SUB_MODES: Readonly<Record<number, string>> = {
  1: 'READY', 2: 'TAKEOFF', 3: 'LOITER', 4: 'MISSION', 5: 'RTL', 6: 'LAND', 7: 'RTGS', 8: 'FOLLOWME', 9: 'PRECLAND', 10: 'VTOL_TAKEOFF',
};
/** PX4 sub modes of POSCTL (0 is plain POSCTL). */
const PX4_POSCTL_SUB_MODES: Readonly<Record<number, string>> = { 1: 'ORBIT', 2: 'POSCTL_SLOW' };
const PX4_MAIN_AUTO = 4;
const PX4_MAIN_POSCTL = 3;

/**
 * Name of a flight mode from HEARTBEAT fields (type, autopilot, base_mode, custom_mode), for
 * ArduCopter, ArduPlane and PX4, e.g. flightModeName(2, 3, 217, 3) → 'AUTO',
 * flightModeName(2, 12, 29, 0x04040000) → 'MISSION'; 'MODE <custom_mode>' for anything else.
 */
export function flightModeName(vehicleType: number, autopilot: number, baseMode: number, customMode: number): string {
  const fallback = `MODE ${customMode}`;
  if ((baseMode & CUSTOM_MODE_ENABLED) === 0) return fallback;
  if (autopilot === MAV_AUTOPILOT_PX4) return px4ModeName(customMode) ?? fallback;
  if (autopilot !== MAV_AUTOPILOT_ARDUPILOTMEGA) return fallback;
  const family = ardupilotFamily(vehicleType);
  if (family === 'copter') return COPTER_MODES[customMode] ?? fallback;
  if (family === 'plane') return PLANE_MODES[customMode] ?? fallback;
  return fallback;
}

function px4ModeName(customMode: number): string | undefined {
  const mainMode = (customMode >>> 16) & 0xff;
  const subMode = (customMode >>> 24) & 0xff;
  if (mainMode === PX4_MAIN_AUTO) return PX4_AUTO_SUB_MODES[subMode];
  if (mainMode === PX4_MAIN_POSCTL && subMode !== 0) return PX4_POSCTL_SUB_MODES[subMode];
  return PX4_MAIN_MODES[mainMode];
}
