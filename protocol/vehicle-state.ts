import { numberField, applyPatch, type Fields } from './message-fields.ts';
import {
  attitudePatch, batteryPatch, cellSumMv, heartbeatPatch, homePatch, positionPatch, statusTextPatch,
} from './vehicle-state-patches.ts';

/** One STATUSTEXT line a vehicle sent (chunks of a long text joined). */
export interface VehicleStatusText {
  text: string;
  /** MAV_SEVERITY: 0 emergency … 2 critical, 3 error, 4 warning, 5 notice, 6 info, 7 debug. */
  severity: number;
  /** When it arrived, ms since the Unix epoch. */
  atMs: number;
  /** STATUSTEXT id: 0 for a single-chunk text, else the id its chunks share. */
  id: number;
}

/** Live vehicle state reduced from its messages; plain data, [lon, lat] degrees, SI units in the names. */
export interface VehicleState {
  systemId: number;
  componentId: number;
  /** MAV_TYPE from HEARTBEAT, e.g. 2 = quadrotor. */
  vehicleType: number | null;
  /** MAV_AUTOPILOT from HEARTBEAT, e.g. 3 = ArduPilot, 12 = PX4. */
  autopilot: number | null;
  isArmed: boolean;
  /** Named for ArduCopter, ArduPlane and PX4 (e.g. 'AUTO', 'MISSION'), else 'MODE <custom_mode>'. */
  flightMode: string | null;
  lastHeartbeatAtMs: number | null;
  /** From GLOBAL_POSITION_INT; altitudeRelativeM is height above home (used as AGL without terrain data); timeMs is the vehicle's time since boot. */
  position: {
    lon: number; lat: number; altitudeMslM: number; altitudeRelativeM: number;
    northMps: number; eastMps: number; downMps: number; headingDeg: number; timeMs: number;
  } | null;
  /** From ATTITUDE, degrees: roll positive right wing down, pitch positive nose up, yaw clockwise from north in [0, 360). */
  attitude: { rollDeg: number; pitchDeg: number; yawDeg: number } | null;
  /** From HOME_POSITION: where the vehicle will return to, [lon, lat] degrees and metres above mean sea level. */
  home: { lon: number; lat: number; altitudeMslM: number } | null;
  /** From VFR_HUD. */
  groundSpeedMps: number | null;
  /** From VFR_HUD. */
  airSpeedMps: number | null;
  /** From VFR_HUD, positive up. */
  climbRateMps: number | null;
  /** GPS_RAW_INT fix_type (GPS_FIX_TYPE: 3 = 3D) and satellites_visible (255 = unknown). */
  gps: { fixType: number; satellites: number } | null;
  /** Percent 0–100 from SYS_STATUS or BATTERY_STATUS (battery 0). */
  batteryRemainingPct: number | null;
  /** Volts from SYS_STATUS or BATTERY_STATUS (battery 0, cells summed). */
  batteryVoltageV: number | null;
  /** The last STATUS_TEXT_LIMIT STATUSTEXTs, oldest first. */
  statusTexts: readonly VehicleStatusText[];
}

/** How many STATUSTEXT lines VehicleState keeps. */
export const STATUS_TEXT_LIMIT = 20;

/** A message as the reducer needs it (a ReceivedMessage or DecodedFrame will do). */
export interface VehicleMessage {
  name: string;
  data: unknown;
  receivedAtMs: number;
}

/** The state of a vehicle not heard from yet. */
export function createVehicleState(systemId: number, componentId: number): VehicleState {
  return {
    systemId, componentId, vehicleType: null, autopilot: null, isArmed: false, flightMode: null, lastHeartbeatAtMs: null,
    position: null, attitude: null, home: null, groundSpeedMps: null, airSpeedMps: null, climbRateMps: null, gps: null,
    batteryRemainingPct: null, batteryVoltageV: null, statusTexts: [],
  };
}

/**
 * Folds one message into the state; pure. Returns a new object when something changed, else `state` itself.
 * Handles HEARTBEAT, GLOBAL_POSITION_INT, GPS_RAW_INT, SYS_STATUS, BATTERY_STATUS, VFR_HUD, ATTITUDE, HOME_POSITION
 * and STATUSTEXT (fields read by name, so data of any mavlink-mappings registry works); other messages, GCS
 * heartbeats, fields that are missing or not numbers, positions at exactly 0,0 (no fix) and "unknown" values
 * (-1, 65535) leave the state as it was. Never throws on what a vehicle sends.
 */
export function reduceVehicleState(state: VehicleState, message: VehicleMessage): VehicleState {
  if (typeof message.data !== 'object' || message.data === null) return state;
  const data = message.data as Fields;
  switch (message.name) {
    case 'HEARTBEAT': return applyPatch(state, heartbeatPatch(data, message.receivedAtMs));
    case 'GLOBAL_POSITION_INT': return applyPatch(state, positionPatch(state, data));
    case 'GPS_RAW_INT': {
      const fixType = numberField(data, 'fixType');
      const satellites = numberField(data, 'satellitesVisible');
      return fixType === null || satellites === null ? state : applyPatch(state, { gps: { fixType, satellites } });
    }
    case 'SYS_STATUS': return applyPatch(state, batteryPatch(numberField(data, 'batteryRemaining'), numberField(data, 'voltageBattery')));
    case 'BATTERY_STATUS': {
      if ((numberField(data, 'id') ?? 0) !== 0) return state;
      return applyPatch(state, batteryPatch(numberField(data, 'batteryRemaining'), cellSumMv(data)));
    }
    case 'VFR_HUD': {
      const groundSpeedMps = numberField(data, 'groundspeed');
      const airSpeedMps = numberField(data, 'airspeed');
      const climbRateMps = numberField(data, 'climb');
      if (groundSpeedMps === null || climbRateMps === null) return state;
      return applyPatch(state, { groundSpeedMps, climbRateMps, airSpeedMps: airSpeedMps ?? state.airSpeedMps });
    }
    case 'ATTITUDE': return applyPatch(state, attitudePatch(data));
    case 'HOME_POSITION': return applyPatch(state, homePatch(data));
    case 'STATUSTEXT': return applyPatch(state, statusTextPatch(state.statusTexts, data, message.receivedAtMs, STATUS_TEXT_LIMIT));
    default: return state;
  }
}
