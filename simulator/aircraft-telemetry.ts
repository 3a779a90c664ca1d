/**
 * The MAVLink messages a simulated aircraft sends, built from its state as ArduPilot fills them
 * (units per the MAVLink common spec: 1e7 degrees, mm, cm/s, centidegrees, mV, cA, radians).
 */
import { common, minimal, type MavLinkData } from '../protocol/index.ts';
import type { AircraftKind } from './aircraft-definition.ts';
import type { AutopilotMode, MissionState } from './autopilot.ts';
import { BATTERY, batteryVoltageV, consumedMah } from './battery-model.ts';
import { offsetLonLat } from './geo-math.ts';
import { NO_GPS_ERROR, type GpsError } from './gps-noise.ts';
import type { AircraftState } from './physics.ts';

/** What the builders read: the airframe, the mission, home, the GPS error and the clock since boot. */
export interface TelemetrySnapshot {
  kind: AircraftKind;
  aircraft: AircraftState;
  mission: MissionState;
  timeBootMs: number;
  /** Home: [lon, lat] degrees and metres above mean sea level. */
  home?: readonly [lon: number, lat: number, altitudeMslM: number];
  /** The GPS error now (the EKF follows the GPS horizontally, so positions carry it). */
  gpsError?: GpsError;
}

/** ArduCopter and ArduPlane custom_mode numbers of the modes the simulator flies (ArduPlane lands in QLAND and has no BRAKE). */
export const CUSTOM_MODES: Readonly<Record<AircraftKind, Readonly<Partial<Record<AutopilotMode, number>>>>> = {
  copter: { GUIDED: 4, AUTO: 3, RTL: 6, LAND: 9, LOITER: 5, BRAKE: 17 },
  plane: { GUIDED: 15, AUTO: 10, RTL: 11, LAND: 20, LOITER: 12 },
};

const MAV_TYPE = { copter: 2, plane: 1 } as const; // MAV_TYPE_QUADROTOR, MAV_TYPE_FIXED_WING
const MAV_AUTOPILOT_ARDUPILOTMEGA = 3;
const MAV_MODE_FLAG = { customModeEnabled: 1, autoEnabled: 4, guidedEnabled: 8, stabilizeEnabled: 16, safetyArmed: 128 } as const;
const MAV_STATE = { standby: 3, active: 4, critical: 5 } as const;
const GPS_FIX_TYPE_3D_FIX = 3;
const GRAVITY_MPS2 = 9.80665;
const RADIANS_PER_DEGREE = Math.PI / 180;
const UINT16_UNKNOWN = 65535;
const INT16_UNKNOWN = 32767;

/** HEARTBEAT: vehicle type, ArduPilot, armed flag in base_mode, the mode's custom_mode number; CRITICAL after a failsafe. */
export function heartbeatMessage({ kind, mission }: TelemetrySnapshot): MavLinkData {
  let baseMode = MAV_MODE_FLAG.customModeEnabled | MAV_MODE_FLAG.stabilizeEnabled | MAV_MODE_FLAG.guidedEnabled;
  if (mission.mode === 'AUTO') baseMode |= MAV_MODE_FLAG.autoEnabled;
  if (mission.isArmed) baseMode |= MAV_MODE_FLAG.safetyArmed;
  const systemStatus = mission.hasBatteryFailsafe ? MAV_STATE.critical : mission.isArmed ? MAV_STATE.active : MAV_STATE.standby;
  return Object.assign(new minimal.Heartbeat(), {
    type: MAV_TYPE[kind], autopilot: MAV_AUTOPILOT_ARDUPILOTMEGA, baseMode, customMode: CUSTOM_MODES[kind][mission.mode] ?? 0, systemStatus, mavlinkVersion: 3,
  });
}

/** GLOBAL_POSITION_INT: fused position (with the GPS error), MSL and relative altitude, NED ground velocity, heading = yaw. */
export function globalPositionMessage({ aircraft, timeBootMs, gpsError }: TelemetrySnapshot): MavLinkData {
  const { northMps, eastMps } = velocity(aircraft);
  const [lon, lat] = measured(aircraft, gpsError);
  return Object.assign(new common.GlobalPositionInt(), {
    timeBootMs, lat: Math.round(lat * 1e7), lon: Math.round(lon * 1e7),
    alt: Math.round(aircraft.altitudeMslM * 1000), relativeAlt: Math.round(aircraft.altitudeRelativeM * 1000),
    vx: Math.round(northMps * 100), vy: Math.round(eastMps * 100), vz: Math.round(-aircraft.climbRateMps * 100),
    hdg: Math.round(aircraft.yawDeg * 100) % 36000,
  });
}

/** GPS_RAW_INT: a 3D fix with the GPS error on position and altitude; course over ground. */
export function gpsRawMessage({ aircraft, timeBootMs, gpsError }: TelemetrySnapshot): MavLinkData {
  const [lon, lat] = measured(aircraft, gpsError);
  const upM = gpsError?.upM ?? 0;
  return Object.assign(new common.GpsRawInt(), {
    timeUsec: BigInt(timeBootMs) * 1000n, fixType: GPS_FIX_TYPE_3D_FIX, lat: Math.round(lat * 1e7), lon: Math.round(lon * 1e7),
    alt: Math.round((aircraft.altitudeMslM + upM) * 1000), eph: 80, epv: 120, vel: Math.round(aircraft.groundSpeedMps * 100),
    cog: Math.round(aircraft.headingDeg * 100) % 36000, satellitesVisible: 15,
  });
}

/** SYS_STATUS: battery voltage, current and remaining charge. */
export function sysStatusMessage({ aircraft, mission }: TelemetrySnapshot): MavLinkData {
  return Object.assign(new common.SysStatus(), {
    load: 250, voltageBattery: Math.round(batteryVoltageV(aircraft.batteryRemainingPct) * 1000), currentBattery: currentCa(mission),
    batteryRemaining: Math.round(aircraft.batteryRemainingPct), dropRateComm: 0, errorsComm: 0,
  });
}

/** BATTERY_STATUS of battery 0: ArduPilot puts the pack voltage in cell 0 when it cannot measure cells (the rest unknown). */
export function batteryStatusMessage({ aircraft, mission }: TelemetrySnapshot): MavLinkData {
  const voltages = [Math.round(batteryVoltageV(aircraft.batteryRemainingPct) * 1000), ...Array<number>(9).fill(UINT16_UNKNOWN)];
  return Object.assign(new common.BatteryStatus(), {
    id: 0, batteryFunction: 0, type: 1, temperature: INT16_UNKNOWN, voltages, currentBattery: currentCa(mission),
    currentConsumed: consumedMah(aircraft.batteryRemainingPct), energyConsumed: -1, batteryRemaining: Math.round(aircraft.batteryRemainingPct),
    voltagesExt: [0, 0, 0, 0],
  });
}

/** VFR_HUD: air and ground speed, heading (yaw), throttle, MSL altitude, climb. */
export function vfrHudMessage({ aircraft, mission }: TelemetrySnapshot): MavLinkData {
  return Object.assign(new common.VfrHud(), {
    airspeed: aircraft.airspeedMps, groundspeed: aircraft.groundSpeedMps, heading: Math.round(aircraft.yawDeg) % 360,
    throttle: mission.isArmed ? 45 : 0, alt: aircraft.altitudeMslM, climb: aircraft.climbRateMps,
  });
}

/** ATTITUDE: a coordinated-turn bank, a pitch from the flight path, yaw = where the nose points (radians, yaw in (-π, π]). */
export function attitudeMessage({ kind, aircraft, timeBootMs }: TelemetrySnapshot): MavLinkData {
  const turnRateRadPs = aircraft.turnRateDegPs * RADIANS_PER_DEGREE;
  const pitch = kind === 'plane'
    ? Math.atan2(aircraft.climbRateMps, Math.max(aircraft.airspeedMps, 1))
    : -Math.min(aircraft.airspeedMps / 100, 0.35); // a multirotor leans into its airspeed
  const yaw = (aircraft.yawDeg > 180 ? aircraft.yawDeg - 360 : aircraft.yawDeg) * RADIANS_PER_DEGREE;
  return Object.assign(new common.Attitude(), {
    timeBootMs, roll: Math.atan(aircraft.groundSpeedMps * turnRateRadPs / GRAVITY_MPS2), pitch, yaw,
    rollspeed: 0, pitchspeed: 0, yawspeed: turnRateRadPs,
  });
}

/** HOME_POSITION: where RTL returns to (level attitude quaternion, no approach vector). */
export function homePositionMessage({ aircraft, home, timeBootMs }: TelemetrySnapshot): MavLinkData {
  const [lon, lat, altitudeMslM] = home ?? [aircraft.lon, aircraft.lat, aircraft.homeAltitudeMslM];
  return Object.assign(new common.HomePosition(), {
    latitude: Math.round(lat * 1e7), longitude: Math.round(lon * 1e7), altitude: Math.round(altitudeMslM * 1000),
    x: 0, y: 0, z: 0, q: [1, 0, 0, 0], approachX: 0, approachY: 0, approachZ: 0, timeUsec: BigInt(timeBootMs) * 1000n,
  });
}

/** STATUSTEXT: an event line (severity per MAV_SEVERITY: 6 info, 4 warning, 2 critical), at most 50 characters. */
export function statusTextMessage(text: string, severity = 6): MavLinkData {
  return Object.assign(new common.StatusText(), { severity, text: text.slice(0, 50) });
}

function velocity(aircraft: AircraftState): { northMps: number; eastMps: number } {
  const headingRad = aircraft.headingDeg * RADIANS_PER_DEGREE;
  return { northMps: aircraft.groundSpeedMps * Math.cos(headingRad), eastMps: aircraft.groundSpeedMps * Math.sin(headingRad) };
}

/** Where the GPS says the aircraft is: the true position moved by the GPS error. */
function measured(aircraft: AircraftState, gpsError: GpsError = NO_GPS_ERROR): [number, number] {
  if (gpsError.northM === 0 && gpsError.eastM === 0) return [aircraft.lon, aircraft.lat];
  return offsetLonLat(aircraft.lon, aircraft.lat, gpsError.northM, gpsError.eastM);
}

/** Battery current, cA: hover/cruise draw while armed, idle electronics otherwise (a nominal figure for a small multirotor). */
function currentCa(mission: MissionState): number {
  return mission.isArmed ? Math.round(BATTERY.capacityMah * 0.3) : 50;
}

/** The builders of the messages a channel schedules or a ground station may request, by message id. */
const BUILDERS: Readonly<Record<number, (snapshot: TelemetrySnapshot) => MavLinkData>> = {
  0: heartbeatMessage, 1: sysStatusMessage, 24: gpsRawMessage, 30: attitudeMessage, 33: globalPositionMessage,
  74: vfrHudMessage, 147: batteryStatusMessage, 242: homePositionMessage,
};

/** The message `messageId` built from `snapshot`, or null for a message the simulator does not send. */
export function buildTelemetryMessage(messageId: number, snapshot: TelemetrySnapshot): MavLinkData | null {
  return BUILDERS[messageId]?.(snapshot) ?? null;
}
