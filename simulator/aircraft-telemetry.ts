/**
 * The MAVLink messages a simulated aircraft sends, built from its state as ArduPilot fills them
 * (units per the MAVLink common spec: 1e7 degrees, mm, cm/s, centidegrees, mV, radians).
 */
import { common, minimal, type MavLinkData } from '../protocol/index.ts';
import type { AircraftKind } from './aircraft-definition.ts';
import type { AutopilotMode, MissionState } from './autopilot.ts';
import type { AircraftState } from './physics.ts';

/** What the builders read: the airframe, the mission and the clock since boot. */
export interface TelemetrySnapshot {
  kind: AircraftKind;
  aircraft: AircraftState;
  mission: MissionState;
  timeBootMs: number;
}

/** ArduCopter and ArduPlane custom_mode numbers of the modes the simulator flies (ArduPlane lands in QLAND). */
export const CUSTOM_MODES: Readonly<Record<AircraftKind, Readonly<Record<AutopilotMode, number>>>> = {
  copter: { GUIDED: 4, AUTO: 3, RTL: 6, LAND: 9 },
  plane: { GUIDED: 15, AUTO: 10, RTL: 11, LAND: 20 },
};

const MAV_TYPE = { copter: 2, plane: 1 } as const; // MAV_TYPE_QUADROTOR, MAV_TYPE_FIXED_WING
const MAV_AUTOPILOT_ARDUPILOTMEGA = 3;
const MAV_MODE_FLAG = { customModeEnabled: 1, autoEnabled: 4, guidedEnabled: 8, stabilizeEnabled: 16, safetyArmed: 128 } as const;
const MAV_STATE = { standby: 3, active: 4 } as const;
const GPS_FIX_TYPE_3D_FIX = 3;
const GRAVITY_MPS2 = 9.80665;
/** A 4S LiPo: 16.8 V full, 14.0 V empty. */
const BATTERY_EMPTY_V = 14.0;
const BATTERY_SPAN_V = 2.8;

/** HEARTBEAT: vehicle type, ArduPilot, armed flag in base_mode, the mode's custom_mode number. */
export function heartbeatMessage({ kind, mission }: TelemetrySnapshot): MavLinkData {
  let baseMode = MAV_MODE_FLAG.customModeEnabled | MAV_MODE_FLAG.stabilizeEnabled | MAV_MODE_FLAG.guidedEnabled;
  if (mission.mode === 'AUTO') baseMode |= MAV_MODE_FLAG.autoEnabled;
  if (mission.isArmed) baseMode |= MAV_MODE_FLAG.safetyArmed;
  return Object.assign(new minimal.Heartbeat(), {
    type: MAV_TYPE[kind], autopilot: MAV_AUTOPILOT_ARDUPILOTMEGA, baseMode, customMode: CUSTOM_MODES[kind][mission.mode],
    systemStatus: mission.isArmed ? MAV_STATE.active : MAV_STATE.standby, mavlinkVersion: 3,
  });
}

/** GLOBAL_POSITION_INT: fused position, MSL and relative altitude, NED velocity, heading. */
export function globalPositionMessage({ aircraft, timeBootMs }: TelemetrySnapshot): MavLinkData {
  const { northMps, eastMps } = velocity(aircraft);
  return Object.assign(new common.GlobalPositionInt(), {
    timeBootMs, lat: Math.round(aircraft.lat * 1e7), lon: Math.round(aircraft.lon * 1e7),
    alt: Math.round(aircraft.altitudeMslM * 1000), relativeAlt: Math.round(aircraft.altitudeRelativeM * 1000),
    vx: Math.round(northMps * 100), vy: Math.round(eastMps * 100), vz: Math.round(-aircraft.climbRateMps * 100),
    hdg: Math.round(aircraft.headingDeg * 100) % 36000,
  });
}

/** GPS_RAW_INT: a steady 3D fix. */
export function gpsRawMessage({ aircraft, timeBootMs }: TelemetrySnapshot): MavLinkData {
  return Object.assign(new common.GpsRawInt(), {
    timeUsec: BigInt(timeBootMs) * 1000n, fixType: GPS_FIX_TYPE_3D_FIX, lat: Math.round(aircraft.lat * 1e7), lon: Math.round(aircraft.lon * 1e7),
    alt: Math.round(aircraft.altitudeMslM * 1000), eph: 80, epv: 120, vel: Math.round(aircraft.groundSpeedMps * 100),
    cog: Math.round(aircraft.headingDeg * 100) % 36000, satellitesVisible: 15,
  });
}

/** SYS_STATUS: battery voltage, current and remaining charge. */
export function sysStatusMessage({ aircraft, mission }: TelemetrySnapshot): MavLinkData {
  return Object.assign(new common.SysStatus(), {
    load: 250, voltageBattery: Math.round(batteryVoltageV(aircraft) * 1000), currentBattery: mission.isArmed ? 1500 : 50,
    batteryRemaining: Math.round(aircraft.batteryRemainingPct), dropRateComm: 0, errorsComm: 0,
  });
}

/** VFR_HUD: speeds, heading, throttle, MSL altitude, climb. */
export function vfrHudMessage({ aircraft, mission }: TelemetrySnapshot): MavLinkData {
  return Object.assign(new common.VfrHud(), {
    airspeed: aircraft.groundSpeedMps, groundspeed: aircraft.groundSpeedMps, heading: Math.round(aircraft.headingDeg) % 360,
    throttle: mission.isArmed ? 45 : 0, alt: aircraft.altitudeMslM, climb: aircraft.climbRateMps,
  });
}

/** ATTITUDE: a coordinated-turn bank, a pitch from the flight path, yaw = heading (radians, yaw in (-π, π]). */
export function attitudeMessage({ kind, aircraft, timeBootMs }: TelemetrySnapshot): MavLinkData {
  const turnRateRadPs = aircraft.turnRateDegPs * Math.PI / 180;
  const pitch = kind === 'plane'
    ? Math.atan2(aircraft.climbRateMps, Math.max(aircraft.groundSpeedMps, 1))
    : -Math.min(aircraft.groundSpeedMps / 100, 0.35); // a multirotor leans into its speed
  const yaw = aircraft.headingDeg > 180 ? (aircraft.headingDeg - 360) * Math.PI / 180 : aircraft.headingDeg * Math.PI / 180;
  return Object.assign(new common.Attitude(), {
    timeBootMs, roll: Math.atan(aircraft.groundSpeedMps * turnRateRadPs / GRAVITY_MPS2), pitch, yaw,
    rollspeed: 0, pitchspeed: 0, yawspeed: turnRateRadPs,
  });
}

/** STATUSTEXT: an event line (severity per MAV_SEVERITY: 6 info, 4 warning). */
export function statusTextMessage(text: string, severity = 6): MavLinkData {
  return Object.assign(new common.StatusText(), { severity, text: text.slice(0, 50) });
}

function velocity(aircraft: AircraftState): { northMps: number; eastMps: number } {
  const headingRad = aircraft.headingDeg * Math.PI / 180;
  return { northMps: aircraft.groundSpeedMps * Math.cos(headingRad), eastMps: aircraft.groundSpeedMps * Math.sin(headingRad) };
}

function batteryVoltageV(aircraft: AircraftState): number {
  return BATTERY_EMPTY_V + BATTERY_SPAN_V * aircraft.batteryRemainingPct / 100;
}
