/** MAV_AUTOPILOT_ARDUPILOTMEGA: custom_mode means an ArduPilot mode number. */
const AUTOPILOT_ARDUPILOT = 3;
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

/** MAV_TYPEs flown by ArduCopter: quad, coaxial, heli, hexa, octo, tri, dodeca, deca, generic multirotor. */
const COPTER_TYPES = new Set([2, 3, 4, 13, 14, 15, 29, 35, 43]);
/** MAV_TYPEs flown by ArduPlane: fixed wing and the VTOL types a QuadPlane reports. */
const PLANE_TYPES = new Set([1, 19, 20, 21, 22, 23, 24, 25]);

/**
 * Name of an ArduCopter or ArduPlane flight mode from HEARTBEAT fields (type, autopilot, base_mode,
 * custom_mode), e.g. flightModeName(2, 3, 217, 3) → 'AUTO'; 'MODE <custom_mode>' for anything else.
 */
export function flightModeName(vehicleType: number, autopilot: number, baseMode: number, customMode: number): string {
  const fallback = `MODE ${customMode}`;
  if (autopilot !== AUTOPILOT_ARDUPILOT || (baseMode & CUSTOM_MODE_ENABLED) === 0) return fallback;
  if (COPTER_TYPES.has(vehicleType)) return COPTER_MODES[customMode] ?? fallback;
  if (PLANE_TYPES.has(vehicleType)) return PLANE_MODES[customMode] ?? fallback;
  return fallback;
}
