import { describe, expect, it } from 'vitest';
import { common, encodeMessage, flightModeName, MavlinkDecoder, minimal, type DecodedFrame } from '../protocol/index.ts';
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
    // 10 s at 1, 4, 4, 2, 2 and 1 Hz, counting the first of each at t = 0 (the last may fall either side of 10 s).
    const expected = { HEARTBEAT: 11, GLOBAL_POSITION_INT: 41, ATTITUDE: 41, GPS_RAW_INT: 21, VFR_HUD: 21, SYS_STATUS: 11 };
    for (const [name, count] of Object.entries(expected)) expectAbout(frames.filter((frame) => frame.name === name).length, count);
    expect(frames.every((frame) => frame.systemId === 42 && frame.componentId === 1 && frame.protocolVersion === 2)).toBe(true);
    expect(frames.map((frame) => frame.sequence)).toEqual(frames.map((_, index) => index % 256));
    expect(frames[0]!.name).toBe('HEARTBEAT');
  });

  it('sends GLOBAL_POSITION_INT at the configured rate (up to 10 Hz)', () => {
    const frames = run(new SimulatedAircraft(DEFINITION, { positionRateHz: 10 }), 5);
    expectAbout(frames.filter((frame) => frame.name === 'GLOBAL_POSITION_INT').length, 51);
    expect(() => new SimulatedAircraft(DEFINITION, { positionRateHz: 20 })).toThrow(/positionRateHz must be 0.1–10/);
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
