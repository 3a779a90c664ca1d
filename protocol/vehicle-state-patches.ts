/**
 * What each message changes in a VehicleState (units per the MAVLink common spec: 1e7 degrees, mm,
 * cm/s, centidegrees, mV, radians); pure, and null or {} where the message says nothing usable.
 */
import { flightModeName } from './flight-mode-name.ts';
import { numberField, type Fields } from './message-fields.ts';
import type { VehicleState, VehicleStatusText } from './vehicle-state.ts';

type Patch = Partial<VehicleState>;

/** MAV_TYPE_GCS: a ground station's heartbeat says nothing about the vehicle. */
const MAV_TYPE_GCS = 6;
const MAV_MODE_FLAG_SAFETY_ARMED = 128;
const UINT16_UNKNOWN = 65535;
/** Below this ground speed (cm/s) a course from velocity is noise; keep the last heading. */
const MIN_COURSE_SPEED_CMPS = 50;
const DEGREES_PER_RADIAN = 180 / Math.PI;
/** Longest STATUSTEXT kept after joining chunks (the spec allows a 4 kB text; a vehicle may send junk). */
const MAX_STATUS_TEXT_CHARS = 1000;

export function heartbeatPatch(data: Fields, receivedAtMs: number): Patch | null {
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

export function positionPatch(state: VehicleState, data: Fields): Patch | null {
  const keys = ['timeBootMs', 'lat', 'lon', 'alt', 'relativeAlt', 'vx', 'vy', 'vz', 'hdg'] as const;
  const values = keys.map((key) => numberField(data, key));
  if (values.some((value) => value === null)) return null;
  const [timeMs, lat, lon, alt, relativeAlt, vx, vy, vz, hdg] = values as number[] as [number, number, number, number, number, number, number, number, number];
  if (lat === 0 && lon === 0) return null;
  let headingDeg = hdg / 100;
  if (hdg === UINT16_UNKNOWN) {
    // Heading unknown: use the course over ground when moving, else keep the last heading.
    headingDeg = Math.hypot(vx, vy) >= MIN_COURSE_SPEED_CMPS
      ? (Math.atan2(vy, vx) * DEGREES_PER_RADIAN + 360) % 360
      : state.position?.headingDeg ?? 0;
  }
  return {
    position: {
      lon: lon / 1e7, lat: lat / 1e7, altitudeMslM: alt / 1000, altitudeRelativeM: relativeAlt / 1000,
      northMps: vx / 100, eastMps: vy / 100, downMps: vz / 100, headingDeg, timeMs,
    },
  };
}

export function batteryPatch(remainingPct: number | null, voltageMv: number | null): Patch | null {
  const patch: Patch = {};
  if (remainingPct !== null && remainingPct >= 0) patch.batteryRemainingPct = remainingPct;
  if (voltageMv !== null && voltageMv > 0 && voltageMv !== UINT16_UNKNOWN) patch.batteryVoltageV = voltageMv / 1000;
  return patch;
}

/** BATTERY_STATUS voltage in mV: the cells summed (ArduPilot splits a total it cannot measure per cell across cells). */
export function cellSumMv(data: Fields): number | null {
  const cells = Array.isArray(data['voltages']) ? (data['voltages'] as unknown[]) : [];
  const extra = Array.isArray(data['voltagesExt']) ? (data['voltagesExt'] as unknown[]) : [];
  let sum = 0;
  for (const cell of [...cells, ...extra]) {
    if (typeof cell === 'number' && cell > 0 && cell !== UINT16_UNKNOWN) sum += cell;
  }
  return sum > 0 ? sum : null;
}

/** ATTITUDE: radians → degrees; yaw brought into [0, 360) like a heading. */
export function attitudePatch(data: Fields): Patch | null {
  const roll = numberField(data, 'roll');
  const pitch = numberField(data, 'pitch');
  const yaw = numberField(data, 'yaw');
  if (roll === null || pitch === null || yaw === null) return null;
  const yawDeg = ((yaw * DEGREES_PER_RADIAN) % 360 + 360) % 360;
  return { attitude: { rollDeg: roll * DEGREES_PER_RADIAN, pitchDeg: pitch * DEGREES_PER_RADIAN, yawDeg } };
}

/** HOME_POSITION: latitude/longitude 1e7 degrees, altitude mm above mean sea level. */
export function homePatch(data: Fields): Patch | null {
  const lat = numberField(data, 'latitude');
  const lon = numberField(data, 'longitude');
  const alt = numberField(data, 'altitude');
  if (lat === null || lon === null || alt === null || (lat === 0 && lon === 0)) return null;
  if (Math.abs(lat) > 900_000_000 || Math.abs(lon) > 1_800_000_000) return null;
  return { home: { lon: lon / 1e7, lat: lat / 1e7, altitudeMslM: alt / 1000 } };
}

/**
 * STATUSTEXT: appends the line, keeping the last `limit`. A chunk of a long text (id ≠ 0, chunk_seq > 0)
 * is joined to the line of the same id just before it, as the MAVLink 2 STATUSTEXT extensions describe.
 */
export function statusTextPatch(texts: readonly VehicleStatusText[], data: Fields, receivedAtMs: number, limit: number): Patch | null {
  const text = data['text'];
  const severity = numberField(data, 'severity');
  if (typeof text !== 'string' || severity === null) return null;
  const id = numberField(data, 'id') ?? 0;
  const chunk = numberField(data, 'chunkSeq') ?? 0;
  const last = texts.at(-1);
  if (id !== 0 && chunk > 0 && last !== undefined && last.id === id) {
    const joined: VehicleStatusText = { ...last, text: (last.text + text).slice(0, MAX_STATUS_TEXT_CHARS) };
    return { statusTexts: [...texts.slice(0, -1), joined] };
  }
  const line: VehicleStatusText = { text: text.slice(0, MAX_STATUS_TEXT_CHARS), severity, atMs: receivedAtMs, id };
  return { statusTexts: [...texts.slice(Math.max(0, texts.length - limit + 1)), line] };
}
