import { describe, expect, it } from 'vitest';
import {
  common, encodeMessage, flightModeName, MavlinkDecoder, minimal, SignatureVerifier, signingKeyFromPassphrase, type DecodedFrame,
} from '../protocol/index.ts';
import { MAV_CMD, MAV_RESULT } from './aircraft-commands.ts';
import type { AircraftDefinition } from './aircraft-definition.ts';
import { SimulatedAircraft } from './simulated-aircraft.ts';

const DEFINITION: AircraftDefinition = {
  systemId: 42, callsign: 'TEST-1', kind: 'copter', speedMps: 15, loop: true, homeAltitudeMslM: 1050,
  route: [[33.4686, -13.0146, 50], [33.4686, -13.0046, 50], [33.4786, -13.0046, 50]],
};

/** Runs the aircraft for `seconds` of simulated time and decodes everything it sent. */
function run(aircraft: SimulatedAircraft, seconds: number, dtS = 0.05): DecodedFrame[] {
  const decoder = new MavlinkDecoder();
  const frames = decoder.push(Buffer.concat(aircraft.advance(0)));
  for (let step = 0; step < Math.round(seconds / dtS); step++) frames.push(...decoder.push(Buffer.concat(aircraft.advance(dtS))));
  return frames;
}

/** A count of periodic messages: the last one may land just either side of the end of the run. */
function expectAbout(actual: number, expected: number): void {
  expect(actual).toBeGreaterThanOrEqual(expected - 1);
  expect(actual).toBeLessThanOrEqual(expected);
}

function commandLong(command: number, params: number[], targetSystem = 42): Buffer {
  const message = Object.assign(new common.CommandLong(), { targetSystem, targetComponent: 1, command });
  params.forEach((value, index) => Object.assign(message, { [`_param${index + 1}`]: value }));
  return encodeMessage(message, { systemId: 255, componentId: 190, sequence: 0 });
}

function modeOf(frames: DecodedFrame[]): string[] {
  return frames.filter((frame) => frame.name === 'HEARTBEAT').map((frame) => {
    const heartbeat = frame.data as minimal.Heartbeat;
    return `${(heartbeat.baseMode & 128) !== 0 ? 'armed' : 'disarmed'} ${flightModeName(heartbeat.type, heartbeat.autopilot, heartbeat.baseMode, heartbeat.customMode)}`;
  });
}

describe('SimulatedAircraft', () => {
  it('sends each stream at its rate, MAVLink 2, from its own system id with its own consecutive sequence', () => {
    const frames = run(new SimulatedAircraft(DEFINITION), 10);
    // 10 s at the rates a --out address gets before asking (1, 4, 4, 2, 2, 2 and 1 Hz), counting the first of each at t = 0
    // (the last may fall either side of 10 s).
    const expected = { HEARTBEAT: 11, GLOBAL_POSITION_INT: 41, ATTITUDE: 41, GPS_RAW_INT: 21, VFR_HUD: 21, SYS_STATUS: 21, BATTERY_STATUS: 11 };
    for (const [name, count] of Object.entries(expected)) expectAbout(frames.filter((frame) => frame.name === name).length, count);
    expect(frames.every((frame) => frame.systemId === 42 && frame.componentId === 1 && frame.protocolVersion === 2)).toBe(true);
    expect(frames.map((frame) => frame.sequence)).toEqual(frames.map((_, index) => index % 256));
    expect(frames[0]!.name).toBe('HEARTBEAT');
  });

  it('sends GLOBAL_POSITION_INT at the configured rate (up to 50 Hz)', () => {
    const frames = run(new SimulatedAircraft(DEFINITION, { positionRateHz: 10 }), 5);
    expectAbout(frames.filter((frame) => frame.name === 'GLOBAL_POSITION_INT').length, 51);
    expect(() => new SimulatedAircraft(DEFINITION, { positionRateHz: 60 })).toThrow(/positionRateHz must be 0–50/);
  });

  it('arms, takes off in GUIDED, flies the route in AUTO, with ArduCopter custom modes and MSL = home + relative', () => {
    const frames = run(new SimulatedAircraft(DEFINITION), 40);
    const modes = [...new Set(modeOf(frames))];
    expect(modes).toEqual(['disarmed GUIDED', 'armed GUIDED', 'armed AUTO']);
    const positions = frames.filter((frame) => frame.name === 'GLOBAL_POSITION_INT').map((frame) => frame.data as common.GlobalPositionInt);
    const last = positions.at(-1)!;
    expect(last.relativeAlt).toBeGreaterThan(45_000);
    expect(last.alt - last.relativeAlt).toBe(1_050_000);
    expect(last.lat).toBeGreaterThan(-130_146_000); // heading north to route[1]
    expect(positions.every((position, index) => index === 0 || position.timeBootMs > positions[index - 1]!.timeBootMs)).toBe(true);
    const texts = frames.filter((frame) => frame.name === 'STATUSTEXT').map((frame) => (frame.data as common.StatusText).text);
    expect(texts).toEqual(['Arming motors', 'Mission: takeoff complete']);
  });

  it('identifies as ArduPlane (fixed wing, plane custom modes) when its kind is plane', () => {
    const frames = run(new SimulatedAircraft({ ...DEFINITION, kind: 'plane' }), 10);
    const heartbeat = frames.findLast((frame) => frame.name === 'HEARTBEAT')!.data as minimal.Heartbeat;
    expect([heartbeat.type, heartbeat.autopilot, heartbeat.customMode, heartbeat.mavlinkVersion]).toEqual([1, 3, 10, 3]);
    expect(modeOf(frames).at(-1)).toBe('armed AUTO');
  });

  it('answers RTL with COMMAND_ACK and flies home; ignores commands for other systems and garbage', () => {
    const aircraft = new SimulatedAircraft(DEFINITION);
    run(aircraft, 30);
    expect(aircraft.receive(Buffer.from('not mavlink at all'))).toEqual([]);
    expect(aircraft.receive(commandLong(MAV_CMD.NAV_RETURN_TO_LAUNCH, [], 43))).toEqual([]);
    const [ack] = new MavlinkDecoder().push(Buffer.concat(aircraft.receive(commandLong(MAV_CMD.NAV_RETURN_TO_LAUNCH, []))));
    expect(ack!.name).toBe('COMMAND_ACK');
    expect(ack!.data).toMatchObject({ command: MAV_CMD.NAV_RETURN_TO_LAUNCH, result: MAV_RESULT.ACCEPTED, targetSystem: 255, targetComponent: 190 });
    const after = run(aircraft, 60);
    expect(modeOf(after).at(-1)).toBe('disarmed RTL');
    expect(aircraft.mission.phase).toBe('landed');
  });

  it('takes DO_SET_MODE, refuses a mode it does not fly, and SET_MESSAGE_INTERVAL changes a stream’s rate', () => {
    const aircraft = new SimulatedAircraft(DEFINITION);
    run(aircraft, 20);
    const decode = (bytes: Buffer[]): common.CommandAck => new MavlinkDecoder().push(Buffer.concat(bytes))[0]!.data as common.CommandAck;
    expect(decode(aircraft.receive(commandLong(MAV_CMD.DO_SET_MODE, [1, 4]))).result).toBe(MAV_RESULT.ACCEPTED);
    expect(aircraft.mission).toMatchObject({ mode: 'GUIDED', phase: 'holding' });
    expect(decode(aircraft.receive(commandLong(MAV_CMD.DO_SET_MODE, [1, 13]))).result).toBe(MAV_RESULT.DENIED);
    expect(decode(aircraft.receive(commandLong(MAV_CMD.SET_MESSAGE_INTERVAL, [33, 100_000]))).result).toBe(MAV_RESULT.ACCEPTED);
    expectAbout(run(aircraft, 5).filter((frame) => frame.name === 'GLOBAL_POSITION_INT').length, 51);
    expect(decode(aircraft.receive(commandLong(MAV_CMD.COMPONENT_ARM_DISARM, [0]))).result).toBe(MAV_RESULT.DENIED); // in the air
  });

  it('counts ground-station heartbeats', () => {
    const aircraft = new SimulatedAircraft(DEFINITION);
    const gcs = Object.assign(new minimal.Heartbeat(), { type: 6, autopilot: 8 });
    aircraft.receive(Buffer.concat([0, 1, 2].map((sequence) => encodeMessage(gcs, { systemId: 255, componentId: 190, sequence }))));
    expect(aircraft.groundStationHeartbeats).toBe(3);
  });

  it('rejects a bad definition, naming the field', () => {
    expect(() => new SimulatedAircraft({ ...DEFINITION, systemId: 0 })).toThrow(/systemId must be an integer 1–255/);
    expect(() => new SimulatedAircraft({ ...DEFINITION, route: [[33, -13, 50]] })).toThrow(/route must be at least 2/);
    expect(() => new SimulatedAircraft({ ...DEFINITION, route: [[33, -13, 50], [200, -13, 50]] })).toThrow(/route\[1\]/);
    expect(() => new SimulatedAircraft({ ...DEFINITION, loopFromIndex: 3 })).toThrow(/loopFromIndex/);
  });
});

describe('SimulatedAircraft as SITL answers a ground station', () => {
  const PARKED: AircraftDefinition = { ...DEFINITION, armAfterS: null };
  const decodeAll = (bytes: Buffer[]): DecodedFrame[] => new MavlinkDecoder().push(Buffer.concat(bytes));

  it('waits on the ground for a ground station, arms, takes off in GUIDED to the requested height and holds there', () => {
    const aircraft = new SimulatedAircraft(PARKED);
    run(aircraft, 10);
    expect(aircraft.mission).toMatchObject({ phase: 'preflight', isArmed: false });
    expect(decodeAll(aircraft.receive(commandLong(MAV_CMD.NAV_TAKEOFF, [0, 0, 0, 0, 0, 0, 20])))[0]!.data).toMatchObject({ result: MAV_RESULT.FAILED }); // not armed
    expect(decodeAll(aircraft.receive(commandLong(MAV_CMD.COMPONENT_ARM_DISARM, [1])))[0]!.data).toMatchObject({ result: MAV_RESULT.ACCEPTED });
    expect(aircraft.mission).toMatchObject({ phase: 'ready', isArmed: true, mode: 'GUIDED' });
    expect(decodeAll(aircraft.receive(commandLong(MAV_CMD.NAV_TAKEOFF, [0, 0, 0, 0, 0, 0, 20])))[0]!.data).toMatchObject({ result: MAV_RESULT.ACCEPTED });
    run(aircraft, 30);
    expect(aircraft.mission.phase).toBe('holding');
    expect(aircraft.state.altitudeRelativeM).toBeCloseTo(20, 0);
    expect(aircraft.state.groundSpeedMps).toBeLessThan(0.1);
  });

  it('refuses BRAKE on ArduPlane, and sends HOME_POSITION on request (REQUEST_MESSAGE 242)', () => {
    const plane = new SimulatedAircraft({ ...DEFINITION, kind: 'plane' });
    run(plane, 20);
    expect(decodeAll(plane.receive(commandLong(MAV_CMD.DO_SET_MODE, [1, 17])))[0]!.data).toMatchObject({ result: MAV_RESULT.DENIED });
    expect(decodeAll(plane.receive(commandLong(MAV_CMD.DO_SET_MODE, [1, 12])))[0]!.data).toMatchObject({ result: MAV_RESULT.ACCEPTED });
    expect(plane.mission).toMatchObject({ mode: 'LOITER', phase: 'holding' });
    const [ack, home] = decodeAll(plane.receive(commandLong(MAV_CMD.REQUEST_MESSAGE, [242])));
    expect(ack!.data).toMatchObject({ command: MAV_CMD.REQUEST_MESSAGE, result: MAV_RESULT.ACCEPTED });
    expect(home!.data).toMatchObject({ latitude: -130_146_000, longitude: 334_686_000, altitude: 1_050_000 });
    expect(decodeAll(plane.receive(commandLong(MAV_CMD.REQUEST_MESSAGE, [65])))[0]!.data).toMatchObject({ result: MAV_RESULT.UNSUPPORTED });
  });

  it('is deterministic for a seed, GPS noise included, and differs for another seed', () => {
    const telemetry = (seed: number): string => {
      const aircraft = new SimulatedAircraft(DEFINITION, { gpsNoiseM: 2, seed });
      return run(aircraft, 60).map((frame) => frame.raw.toString('hex')).join('');
    };
    expect(telemetry(5)).toBe(telemetry(5));
    expect(telemetry(5)).not.toBe(telemetry(6));
  });

  it('reports airspeed and a crab angle in wind, and its true position stays where the GPS noise is not', () => {
    const aircraft = new SimulatedAircraft({ ...DEFINITION, kind: 'plane' }, { wind: { speedMps: 8, fromDeg: 90 }, gpsNoiseM: 3 });
    const frames = run(aircraft, 90);
    const hud = frames.filter((frame) => frame.name === 'VFR_HUD').at(-1)!.data as common.VfrHud;
    expect(Math.abs(hud.airspeed - hud.groundspeed)).toBeGreaterThan(1);
    const position = frames.filter((frame) => frame.name === 'GLOBAL_POSITION_INT').at(-1)!.data as common.GlobalPositionInt;
    const reportedOffM = Math.hypot((position.lat / 1e7 - aircraft.state.lat) * 111_320, (position.lon / 1e7 - aircraft.state.lon) * 108_000);
    expect(reportedOffM).toBeGreaterThan(0.01);
    expect(reportedOffM).toBeLessThan(15);
  });

  it('signs with its key until unsignedAfterS, with rising timestamps, on each channel', () => {
    const key = signingKeyFromPassphrase('test');
    let nowMs = Date.UTC(2026, 0, 1);
    const aircraft = new SimulatedAircraft({ ...DEFINITION, signingKey: key, unsignedAfterS: 5 }, { clock: () => nowMs });
    const verifier = new SignatureVerifier();
    const checks: string[] = [];
    for (let step = 0; step < 100; step++) {
      nowMs += 100;
      const frames = decodeAll(aircraft.advance(0.1));
      const when = aircraft.mission.elapsedS < 5 ? 'before' : 'after';
      for (const frame of frames) checks.push(`${when} ${verifier.verify({ ...frame, linkId: 'l' }, key)}`);
    }
    expect(new Set(checks)).toEqual(new Set(['before valid', 'after unsigned']));
  });
});
