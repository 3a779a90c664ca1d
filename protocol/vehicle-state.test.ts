import { common, minimal } from 'node-mavlink';
import { describe, expect, it } from 'vitest';
import { toCommandAck } from './command-ack.ts';
import { flightModeName } from './flight-mode-name.ts';
import { createVehicleState, reduceVehicleState, STATUS_TEXT_LIMIT, type VehicleState } from './vehicle-state.ts';

const AT_MS = 1_700_000_000_000;

function message(name: string, data: object, receivedAtMs = AT_MS): { name: string; data: unknown; receivedAtMs: number } {
  return { name, data, receivedAtMs };
}

function heartbeat(fields: Partial<minimal.Heartbeat>): minimal.Heartbeat {
  return Object.assign(new minimal.Heartbeat(), { type: 2, autopilot: 3, baseMode: 1, customMode: 0 }, fields);
}

function globalPosition(fields: Partial<common.GlobalPositionInt> = {}): common.GlobalPositionInt {
  return Object.assign(new common.GlobalPositionInt(), {
    timeBootMs: 60_000, lat: -130_146_000, lon: 334_686_000, alt: 1_170_000, relativeAlt: 120_000, vx: 1500, vy: -200, vz: -100, hdg: 35_240,
  }, fields);
}

describe('reduceVehicleState', () => {
  const initial = createVehicleState(11, 1);

  it('starts with nothing known', () => {
    expect(initial).toMatchObject({ systemId: 11, componentId: 1, isArmed: false, flightMode: null, position: null, gps: null });
  });

  it('reads HEARTBEAT: type, autopilot, armed flag, named flight mode, when heard', () => {
    const state = reduceVehicleState(initial, message('HEARTBEAT', heartbeat({ baseMode: 1 | 128 | 16 | 8 | 4, customMode: 3 })));
    expect(state).toMatchObject({ vehicleType: 2, autopilot: 3, isArmed: true, flightMode: 'AUTO', lastHeartbeatAtMs: AT_MS });
    const disarmed = reduceVehicleState(state, message('HEARTBEAT', heartbeat({ baseMode: 1, customMode: 9 }), AT_MS + 1000));
    expect(disarmed).toMatchObject({ isArmed: false, flightMode: 'LAND', lastHeartbeatAtMs: AT_MS + 1000 });
  });

  it('ignores a ground station’s HEARTBEAT', () => {
    expect(reduceVehicleState(initial, message('HEARTBEAT', heartbeat({ type: 6, autopilot: 8 })))).toBe(initial);
  });

  it('reads GLOBAL_POSITION_INT in SI units, [lon, lat] degrees', () => {
    const state = reduceVehicleState(initial, message('GLOBAL_POSITION_INT', globalPosition()));
    expect(state.position).toEqual({
      lon: 33.4686, lat: -13.0146, altitudeMslM: 1170, altitudeRelativeM: 120, northMps: 15, eastMps: -2, downMps: -1, headingDeg: 352.4, timeMs: 60_000,
    });
  });

  it('takes the course over ground when the heading is unknown (65535), else keeps the last heading', () => {
    const moving = reduceVehicleState(initial, message('GLOBAL_POSITION_INT', globalPosition({ hdg: 65535, vx: 0, vy: 1000 })));
    expect(moving.position!.headingDeg).toBeCloseTo(90, 6);
    const hovering = reduceVehicleState(moving, message('GLOBAL_POSITION_INT', globalPosition({ hdg: 65535, vx: 0, vy: 10, lat: -130_146_100 })));
    expect(hovering.position!.headingDeg).toBeCloseTo(90, 6);
  });

  it('ignores a position at exactly 0, 0 (no fix yet)', () => {
    expect(reduceVehicleState(initial, message('GLOBAL_POSITION_INT', globalPosition({ lat: 0, lon: 0 })))).toBe(initial);
  });

  it('reads GPS_RAW_INT fix type and satellites', () => {
    const gps = Object.assign(new common.GpsRawInt(), { fixType: 3, satellitesVisible: 14 });
    expect(reduceVehicleState(initial, message('GPS_RAW_INT', gps)).gps).toEqual({ fixType: 3, satellites: 14 });
  });

  it('reads SYS_STATUS battery, leaving unknown values (-1, 65535) as they were', () => {
    const status = Object.assign(new common.SysStatus(), { batteryRemaining: 87, voltageBattery: 15_800 });
    const state = reduceVehicleState(initial, message('SYS_STATUS', status));
    expect(state).toMatchObject({ batteryRemainingPct: 87, batteryVoltageV: 15.8 });
    const unknown = Object.assign(new common.SysStatus(), { batteryRemaining: -1, voltageBattery: 65535 });
    expect(reduceVehicleState(state, message('SYS_STATUS', unknown))).toBe(state);
  });

  it('reads BATTERY_STATUS of battery 0, summing the cells', () => {
    const cells = [4100, 4100, 4050, 4000, 65535, 65535, 65535, 65535, 65535, 65535];
    const battery = Object.assign(new common.BatteryStatus(), { id: 0, batteryRemaining: 64, voltages: cells, voltagesExt: [0, 0, 0, 0] });
    expect(reduceVehicleState(initial, message('BATTERY_STATUS', battery))).toMatchObject({ batteryRemainingPct: 64, batteryVoltageV: 16.25 });
    expect(reduceVehicleState(initial, message('BATTERY_STATUS', { ...battery, id: 1 }))).toBe(initial);
  });

  it('reads VFR_HUD ground speed and climb rate', () => {
    const hud = Object.assign(new common.VfrHud(), { groundspeed: 19.5, climb: -0.5 });
    expect(reduceVehicleState(initial, message('VFR_HUD', hud))).toMatchObject({ groundSpeedMps: 19.5, climbRateMps: -0.5 });
  });

  it('returns the same object when nothing changed, and leaves its input alone', () => {
    const snapshot: VehicleState = structuredClone(initial);
    const gps = Object.assign(new common.GpsRawInt(), { fixType: 3, satellitesVisible: 14 });
    const once = reduceVehicleState(initial, message('GPS_RAW_INT', gps));
    expect(reduceVehicleState(once, message('GPS_RAW_INT', gps))).toBe(once);
    expect(reduceVehicleState(once, message('SYSTEM_TIME', new common.SystemTime()))).toBe(once);
    expect(reduceVehicleState(once, message('ATTITUDE', { roll: 'level' }))).toBe(once);
    expect(reduceVehicleState(once, message('VFR_HUD', { groundspeed: 'fast' }))).toBe(once);
    expect(initial).toEqual(snapshot);
  });
});

describe('reduceVehicleState, attitude, home and status texts', () => {
  const initial = createVehicleState(11, 1);

  it('reads ATTITUDE in degrees, yaw as a heading in [0, 360)', () => {
    const attitude = Object.assign(new common.Attitude(), { roll: Math.PI / 6, pitch: -Math.PI / 18, yaw: -Math.PI / 2 });
    const state = reduceVehicleState(initial, message('ATTITUDE', attitude));
    expect(state.attitude!.rollDeg).toBeCloseTo(30, 9);
    expect(state.attitude!.pitchDeg).toBeCloseTo(-10, 9);
    expect(state.attitude!.yawDeg).toBeCloseTo(270, 9);
  });

  it('reads HOME_POSITION as [lon, lat] and metres MSL, ignoring 0,0 and out-of-range coordinates', () => {
    const home = Object.assign(new common.HomePosition(), { latitude: -130_146_000, longitude: 334_686_000, altitude: 1_050_500 });
    expect(reduceVehicleState(initial, message('HOME_POSITION', home)).home).toEqual({ lon: 33.4686, lat: -13.0146, altitudeMslM: 1050.5 });
    expect(reduceVehicleState(initial, message('HOME_POSITION', { ...home, latitude: 0, longitude: 0 }))).toBe(initial);
    expect(reduceVehicleState(initial, message('HOME_POSITION', { ...home, latitude: 950_000_000 }))).toBe(initial);
  });

  it('keeps the last 20 STATUSTEXTs with severity and time, oldest first', () => {
    let state = initial;
    for (let index = 0; index < 25; index++) {
      state = reduceVehicleState(state, message('STATUSTEXT', Object.assign(new common.StatusText(), { severity: index % 8, text: `line ${index}` }), AT_MS + index));
    }
    expect(state.statusTexts).toHaveLength(STATUS_TEXT_LIMIT);
    expect(state.statusTexts[0]).toEqual({ text: 'line 5', severity: 5, atMs: AT_MS + 5, id: 0 });
    expect(state.statusTexts.at(-1)).toEqual({ text: 'line 24', severity: 0, atMs: AT_MS + 24, id: 0 });
  });

  it('joins the chunks of a long STATUSTEXT (same id, chunk_seq 1, 2, …)', () => {
    const chunk = (text: string, chunkSeq: number) => Object.assign(new common.StatusText(), { severity: 4, text, id: 7, chunkSeq });
    let state = reduceVehicleState(initial, message('STATUSTEXT', chunk('A'.repeat(50), 0)));
    state = reduceVehicleState(state, message('STATUSTEXT', chunk('B'.repeat(10), 1), AT_MS + 5));
    expect(state.statusTexts).toEqual([{ text: `${'A'.repeat(50)}${'B'.repeat(10)}`, severity: 4, atMs: AT_MS, id: 7 }]);
  });

  it('ignores a STATUSTEXT without text or severity', () => {
    expect(reduceVehicleState(initial, message('STATUSTEXT', { severity: 6 }))).toBe(initial);
    expect(reduceVehicleState(initial, message('STATUSTEXT', { text: 'x', severity: 'high' }))).toBe(initial);
  });

  it('reads VFR_HUD airspeed beside ground speed', () => {
    const hud = Object.assign(new common.VfrHud(), { groundspeed: 19.5, airspeed: 22, climb: 0 });
    expect(reduceVehicleState(initial, message('VFR_HUD', hud))).toMatchObject({ groundSpeedMps: 19.5, airSpeedMps: 22 });
  });
});

describe('toCommandAck', () => {
  it('names the MAV_RESULT', () => {
    expect(toCommandAck(Object.assign(new common.CommandAck(), { command: 20, result: 0 }))).toEqual({ command: 20, result: 0, resultName: 'ACCEPTED' });
    expect(toCommandAck({ command: 176, result: 2 })).toEqual({ command: 176, result: 2, resultName: 'DENIED' });
    expect(toCommandAck({ command: 176, result: 4 })!.resultName).toBe('FAILED');
    expect(toCommandAck({ command: 176, result: 200 })!.resultName).toBe('RESULT 200');
  });

  it('returns null for anything that is not an ack, never throwing', () => {
    expect(toCommandAck(null)).toBeNull();
    expect(toCommandAck('ack')).toBeNull();
    expect(toCommandAck({ command: 20 })).toBeNull();
    expect(toCommandAck({ command: 20, result: Number.NaN })).toBeNull();
  });
});

describe('flightModeName', () => {
  it.each([
    [2, 3, 217, 3, 'AUTO'], [2, 3, 89, 4, 'GUIDED'], [2, 3, 1, 6, 'RTL'], [2, 3, 1, 9, 'LAND'], [13, 3, 1, 16, 'POSHOLD'],
    [1, 3, 209, 10, 'AUTO'], [1, 3, 1, 5, 'FBWA'], [1, 3, 1, 11, 'RTL'], [21, 3, 1, 19, 'QLOITER'], [1, 3, 1, 16, 'INITIALISING'],
  ])('type %i autopilot %i base %i custom %i → %s', (type, autopilot, baseMode, customMode, name) => {
    expect(flightModeName(type, autopilot, baseMode, customMode)).toBe(name);
  });

  it.each([
    // PX4 packs main mode << 16 and sub mode << 24 (px4_custom_mode.h).
    ['MANUAL', 1 << 16], ['ALTCTL', 2 << 16], ['POSCTL', 3 << 16], ['ORBIT', (3 << 16) | (1 << 24)], ['MISSION', (4 << 16) | (4 << 24)],
    ['LOITER', (4 << 16) | (3 << 24)], ['RTL', (4 << 16) | (5 << 24)], ['LAND', (4 << 16) | (6 << 24)], ['TAKEOFF', (4 << 16) | (2 << 24)],
    ['OFFBOARD', 6 << 16], ['STABILIZED', 7 << 16], ['ACRO', 5 << 16],
  ])('names PX4 %s', (name, customMode) => {
    expect(flightModeName(2, 12, 1 | 128, customMode)).toBe(name);
    expect(flightModeName(1, 12, 1, customMode)).toBe(name); // whatever the airframe
  });

  it.each([
    ['PX4 with an undefined main mode', 2, 12, 1, 11 << 16],
    ['PX4 AUTO with an undefined sub mode', 2, 12, 1, (4 << 16) | (99 << 24)],
    ['PX4 without custom mode enabled', 2, 12, 0, 1 << 16],
    ['a custom mode ArduCopter does not have', 2, 3, 1, 8],
    ['custom mode not enabled in base_mode', 2, 3, 0, 3],
    ['a rover', 10, 3, 1, 4],
  ])('falls back to MODE <n> for %s', (_case, type, autopilot, baseMode, customMode) => {
    expect(flightModeName(type, autopilot, baseMode, customMode)).toBe(`MODE ${customMode}`);
  });
});
