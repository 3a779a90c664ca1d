import { common, minimal } from 'node-mavlink';
import { describe, expect, it } from 'vitest';
import { flightModeName } from './flight-mode-name.ts';
import { createVehicleState, reduceVehicleState, type VehicleState } from './vehicle-state.ts';

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
    expect(reduceVehicleState(once, message('ATTITUDE', new common.Attitude()))).toBe(once);
    expect(reduceVehicleState(once, message('VFR_HUD', { groundspeed: 'fast' }))).toBe(once);
    expect(initial).toEqual(snapshot);
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
    ['PX4', 2, 12, 1, 65_536],
    ['a custom mode ArduCopter does not have', 2, 3, 1, 8],
    ['custom mode not enabled in base_mode', 2, 3, 0, 3],
    ['a rover', 10, 3, 1, 4],
  ])('falls back to MODE <n> for %s', (_case, type, autopilot, baseMode, customMode) => {
    expect(flightModeName(type, autopilot, baseMode, customMode)).toBe(`MODE ${customMode}`);
  });
});
