import { flightModeName } from './flight-mode-name.ts';

/** Live vehicle state reduced from its messages; plain data, [lon, lat] degrees, SI units in the names. */
export interface VehicleState {
  systemId: number;
  componentId: number;
  /** MAV_TYPE from HEARTBEAT, e.g. 2 = quadrotor. */
  vehicleType: number | null;
  /** MAV_AUTOPILOT from HEARTBEAT, e.g. 3 = ArduPilot. */
  autopilot: number | null;
  isArmed: boolean;
  /** Named for ArduCopter/ArduPlane (e.g. 'AUTO'), else 'MODE <custom_mode>'. */
  flightMode: string | null;
  lastHeartbeatAtMs: number | null;
  /** From GLOBAL_POSITION_INT; altitudeRelativeM is height above home (used as AGL without terrain data); timeMs is the vehicle's time since boot. */
  position: {
    lon: number; lat: number; altitudeMslM: number; altitudeRelativeM: number;
    northMps: number; eastMps: number; downMps: number; headingDeg: number; timeMs: number;
  } | null;
  /** From VFR_HUD. */
  groundSpeedMps: number | null;
  /** From VFR_HUD, positive up. */
  climbRateMps: number | null;
  /** GPS_RAW_INT fix_type (GPS_FIX_TYPE: 3 = 3D) and satellites_visible (255 = unknown). */
  gps: { fixType: number; satellites: number } | null;
  /** Percent 0–100 from SYS_STATUS or BATTERY_STATUS (battery 0). */
  batteryRemainingPct: number | null;
  /** Volts from SYS_STATUS or BATTERY_STATUS (battery 0, cells summed). */
  batteryVoltageV: number | null;
}

/** A message as the reducer needs it (a ReceivedMessage or DecodedFrame will do). */
export interface VehicleMessage {
  name: string;
  data: unknown;
  receivedAtMs: number;
}

type Patch = Partial<VehicleState>;
type Fields = Record<string, unknown>;

/** MAV_TYPE_GCS: a ground station's heartbeat says nothing about the vehicle. */
const MAV_TYPE_GCS = 6;
const MAV_MODE_FLAG_SAFETY_ARMED = 128;
const UINT16_UNKNOWN = 65535;
/** Below this ground speed (cm/s) a course from velocity is noise; keep the last heading. */
const MIN_COURSE_SPEED_CMPS = 50;

/** The state of a vehicle not heard from yet. */
export function createVehicleState(systemId: number, componentId: number): VehicleState {
  return {
    systemId, componentId, vehicleType: null, autopilot: null, isArmed: false, flightMode: null, lastHeartbeatAtMs: null,
    position: null, groundSpeedMps: null, climbRateMps: null, gps: null, batteryRemainingPct: null, batteryVoltageV: null,
  };
}

/**
 * Folds one message into the state; pure. Returns a new object when something changed, else `state` itself.
 * Handles HEARTBEAT, GLOBAL_POSITION_INT, GPS_RAW_INT, SYS_STATUS, BATTERY_STATUS and VFR_HUD (fields read by
 * name, so data of any mavlink-mappings registry works); other messages, GCS heartbeats, fields that are missing or
 * not numbers, positions at exactly 0,0 (no fix) and "unknown" values (-1, 65535) leave the state as it was.
 */
export function reduceVehicleState(state: VehicleState, message: VehicleMessage): VehicleState {
  if (typeof message.data !== 'object' || message.data === null) return state;
  const data = message.data as Fields;
  switch (message.name) {
    case 'HEARTBEAT': return apply(state, heartbeatPatch(data, message.receivedAtMs));
    case 'GLOBAL_POSITION_INT': return apply(state, positionPatch(state, data));
    case 'GPS_RAW_INT': {
      const fixType = numberField(data, 'fixType');
      const satellites = numberField(data, 'satellitesVisible');
      return fixType === null || satellites === null ? state : apply(state, { gps: { fixType, satellites } });
    }
    case 'SYS_STATUS': return apply(state, batteryPatch(numberField(data, 'batteryRemaining'), numberField(data, 'voltageBattery')));
    case 'BATTERY_STATUS': {
      if ((numberField(data, 'id') ?? 0) !== 0) return state;
      return apply(state, batteryPatch(numberField(data, 'batteryRemaining'), cellSumMv(data)));
    }
    case 'VFR_HUD': {
      const groundSpeedMps = numberField(data, 'groundspeed');
      const climbRateMps = numberField(data, 'climb');
      return groundSpeedMps === null || climbRateMps === null ? state : apply(state, { groundSpeedMps, climbRateMps });
    }
    default: return state;
  }
}

function heartbeatPatch(data: Fields, receivedAtMs: number): Patch | null {
  const type = numberField(data, 'type');
  const autopilot = numberField(data, 'autopilot');
  const baseMode = numberField(data, 'baseMode');
  const customMode = numberField(data, 'customMode');
  if (type === null || autopilot === null || baseMode === null || customMode === null || type === MAV_TYPE_GCS) return null;
  return {
    vehicleType: type,
    autopilot,
    isArmed: (baseMode & MAV_MODE_FLAG_SAFETY_ARMED) !== 0,
    flightMode: flightModeName(type, autopilot, baseMode, customMode),
    lastHeartbeatAtMs: receivedAtMs,
  };
}

function positionPatch(state: VehicleState, data: Fields): Patch | null {
  const keys = ['timeBootMs', 'lat', 'lon', 'alt', 'relativeAlt', 'vx', 'vy', 'vz', 'hdg'] as const;
  const values = keys.map((key) => numberField(data, key));
  if (values.some((value) => value === null)) return null;
  const [timeMs, lat, lon, alt, relativeAlt, vx, vy, vz, hdg] = values as number[] as [number, number, number, number, number, number, number, number, number];
  if (lat === 0 && lon === 0) return null;
  let headingDeg = hdg / 100;
  if (hdg === UINT16_UNKNOWN) {
    // Heading unknown: use the course over ground when moving, else keep the last heading.
    headingDeg = Math.hypot(vx, vy) >= MIN_COURSE_SPEED_CMPS
      ? (Math.atan2(vy, vx) * 180 / Math.PI + 360) % 360
      : state.position?.headingDeg ?? 0;
  }
  return {
    position: {
      lon: lon / 1e7, lat: lat / 1e7, altitudeMslM: alt / 1000, altitudeRelativeM: relativeAlt / 1000,
      northMps: vx / 100, eastMps: vy / 100, downMps: vz / 100, headingDeg, timeMs,
    },
  };
}

function batteryPatch(remainingPct: number | null, voltageMv: number | null): Patch | null {
  const patch: Patch = {};
  if (remainingPct !== null && remainingPct >= 0) patch.batteryRemainingPct = remainingPct;
  if (voltageMv !== null && voltageMv > 0 && voltageMv !== UINT16_UNKNOWN) patch.batteryVoltageV = voltageMv / 1000;
  return patch;
}

/** BATTERY_STATUS voltage in mV: the cells summed (ArduPilot splits a total it cannot measure per cell across cells). */
function cellSumMv(data: Fields): number | null {
  const cells = Array.isArray(data['voltages']) ? (data['voltages'] as unknown[]) : [];
  const extra = Array.isArray(data['voltagesExt']) ? (data['voltagesExt'] as unknown[]) : [];
  let sum = 0;
  for (const cell of [...cells, ...extra]) {
    if (typeof cell === 'number' && cell > 0 && cell !== UINT16_UNKNOWN) sum += cell;
  }
  return sum > 0 ? sum : null;
}

function numberField(data: Fields, key: string): number | null {
  const value = data[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** `state` when the patch changes nothing (objects compared field by field), else a new state. */
function apply(state: VehicleState, patch: Patch | null): VehicleState {
  if (patch === null) return state;
  const current = state as unknown as Fields;
  const changed = Object.entries(patch).some(([key, value]) => !isSame(current[key], value));
  return changed ? { ...state, ...patch } : state;
}

function isSame(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const left = a as Fields;
  const right = b as Fields;
  const keys = Object.keys(right);
  return keys.length === Object.keys(left).length && keys.every((key) => left[key] === right[key]);
}
