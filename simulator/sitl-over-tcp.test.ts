/**
 * The simulator as a ground station sees SITL: real loopback TCP, a real TcpClientLink, stream
 * requests, link loss and its return, commands with COMMAND_ACK, the mission protocol, signing.
 * Times are simulated (the ground station stamps messages with the fleet's clock), never wall-clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  buildCommandLong, buildStreamRequests, common, createVehicleState, reduceVehicleState, SignatureVerifier, signingKeyFromPassphrase, toCommandAck,
  type CommandTarget, type ReceivedMessage, type VehicleState,
} from '../protocol/index.ts';
import type { AircraftDefinition } from './aircraft-definition.ts';
import { Fleet, type FleetOptions } from './fleet.ts';
import { distanceM } from './geo-math.ts';
import { connectGroundStation, eventually, type TestGroundStation } from './ground-station-support.ts';
import { SCENARIOS } from './scenarios.ts';

const FLYING: AircraftDefinition = {
  systemId: 42, callsign: 'SITL-1', kind: 'copter', speedMps: 15, loop: true, homeAltitudeMslM: 1050, armAfterS: 0,
  route: [[33.4686, -13.0146, 50], [33.4686, -13.0046, 50], [33.4786, -13.0046, 50]],
};
const TARGET: CommandTarget = { systemId: 42, componentId: 1, vehicleType: 2, autopilot: 3 };

const named = (messages: ReceivedMessage[], name: string): ReceivedMessage[] => messages.filter((message) => message.name === name);
const acks = (messages: ReceivedMessage[], command: number) => named(messages, 'COMMAND_ACK').map((message) => toCommandAck(message.data)!).filter((ack) => ack.command === command);
const stateOf = (messages: ReceivedMessage[], systemId = 42): VehicleState =>
  messages.filter((message) => message.systemId === systemId).reduce(reduceVehicleState, createVehicleState(systemId, 1));
/** Mean interval, ms, between consecutive GLOBAL_POSITION_INTs (their own time since boot). */
const meanIntervalMs = (positions: ReceivedMessage[]): number => {
  const times = positions.map((message) => (message.data as common.GlobalPositionInt).timeBootMs);
  return (times.at(-1)! - times[0]!) / (times.length - 1);
};

describe('the simulator over loopback TCP, as a ground station connects to SITL', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function startFleet(definitions: AircraftDefinition[], options: FleetOptions = {}): Promise<{ fleet: Fleet; port: number }> {
    const fleet = new Fleet(definitions, { tcpBasePort: 0, tickMs: 10, timeScale: 4, ...options });
    const { tcpPorts } = await fleet.start();
    cleanups.push(() => fleet.stop());
    return { fleet, port: tcpPorts[0]! };
  }

  async function connect(port: number, fleet: Fleet): Promise<TestGroundStation> {
    const station = await connectGroundStation(port, () => Math.round(fleet.aircraft[0]!.mission.elapsedS * 1000));
    cleanups.push(() => station.close());
    return station;
  }

  it('sends only HEARTBEAT until asked, then the requested streams at the requested rates, per connection', async () => {
    const { fleet, port } = await startFleet([FLYING], { timeScale: 2 });
    const gcs = await connect(port, fleet);
    await eventually(() => named(gcs.messages, 'HEARTBEAT').length >= 3);
    expect(new Set(gcs.messages.map((message) => message.name))).toEqual(new Set(['HEARTBEAT', 'STATUSTEXT', 'HOME_POSITION']));

    gcs.send(...buildStreamRequests({ systemId: 42, componentId: 1 }, { GLOBAL_POSITION_INT: 2 }));
    const slow = await eventually(() => named(gcs.messages, 'GLOBAL_POSITION_INT').length >= 8 && named(gcs.messages, 'GLOBAL_POSITION_INT'));
    expect(acks(gcs.messages, 511).map((ack) => ack.resultName)).toEqual(Array(7).fill('ACCEPTED'));
    for (const name of ['GPS_RAW_INT', 'SYS_STATUS', 'BATTERY_STATUS', 'VFR_HUD', 'ATTITUDE']) expect(named(gcs.messages, name).length, name).toBeGreaterThan(0);
    expect(meanIntervalMs(slow.slice(1))).toBeGreaterThan(400);
    expect(meanIntervalMs(slow.slice(1))).toBeLessThan(700);

    // A second ground station gets its own channel: nothing but heartbeats until it asks too.
    const other = await connect(port, fleet);
    await eventually(() => named(other.messages, 'HEARTBEAT').length >= 2);
    expect(named(other.messages, 'GLOBAL_POSITION_INT')).toEqual([]);

    gcs.send(buildCommandLong(TARGET, 'set-message-interval', { messageId: 33, intervalUs: 100_000 }));
    await eventually(() => acks(gcs.messages, 511).length === 8);
    const from = gcs.messages.length;
    const fast = await eventually(() => named(gcs.messages.slice(from), 'GLOBAL_POSITION_INT').length >= 20 && named(gcs.messages.slice(from), 'GLOBAL_POSITION_INT'));
    expect(meanIntervalMs(fast.slice(1))).toBeLessThan(200);
    expect(fleet.aircraft[0]!.groundStationHeartbeats).toBe(0);
  });

  it('goes silent during a radio outage without dropping TCP, comes back, and is found again after a restart', async () => {
    const { fleet, port } = await startFleet([{ ...FLYING, linkOutages: [{ atS: 4, durationS: 10 }] }], { timeScale: 10 });
    const gcs = await connect(port, fleet);
    const disconnects: string[] = [];
    gcs.link.on('connection', (event) => event.state === 'disconnected' && disconnects.push(event.remote));
    gcs.send(...buildStreamRequests({ systemId: 42, componentId: 1 }));
    await eventually(() => named(gcs.messages, 'HEARTBEAT').some((message) => message.receivedAtMs > 17_000));

    const heartbeatsAtMs = named(gcs.messages, 'HEARTBEAT').map((message) => message.receivedAtMs);
    const gaps = heartbeatsAtMs.slice(1).map((atMs, index) => [heartbeatsAtMs[index]!, atMs - heartbeatsAtMs[index]!] as const);
    const [lostAtMs, silenceMs] = gaps.reduce((longest, gap) => (gap[1] > longest[1] ? gap : longest));
    expect(silenceMs).toBeGreaterThan(9_000); // a ground station's 5 s heartbeat timeout would call it lost
    expect(lostAtMs).toBeGreaterThanOrEqual(3_000);
    expect(lostAtMs).toBeLessThan(4_100);
    const times = named(gcs.messages, 'GLOBAL_POSITION_INT').map((message) => (message.data as common.GlobalPositionInt).timeBootMs);
    expect(Math.max(...times.slice(1).map((time, index) => time - times[index]!))).toBeGreaterThanOrEqual(9_700);
    expect(disconnects).toEqual([]);

    // SITL stopped and started again on the same port: the link notices, reconnects and hears it.
    const lost = new Promise((resolve) => gcs.link.once('connection', resolve));
    await fleet.stop();
    expect(await lost).toMatchObject({ state: 'disconnected' });
    const back = new Promise((resolve) => gcs.link.once('connection', resolve));
    const restarted = new Fleet([FLYING], { tcpBasePort: port, tickMs: 10 });
    await restarted.start();
    cleanups.push(() => restarted.stop());
    expect(await back).toMatchObject({ state: 'connected' });
    const count = gcs.messages.length;
    await eventually(() => named(gcs.messages.slice(count), 'HEARTBEAT').length > 0);
  });

  it('obeys RTL, LOITER and BRAKE with COMMAND_ACK accepted, and the HEARTBEAT mode follows', async () => {
    const { fleet, port } = await startFleet([FLYING], { timeScale: 10 });
    const gcs = await connect(port, fleet);
    await eventually(() => stateOf(gcs.messages).flightMode === 'AUTO');
    for (const [command, mode, number] of [['loiter', 'LOITER', 176], ['brake', 'BRAKE', 176], ['rtl', 'RTL', 20]] as const) {
      const before = acks(gcs.messages, number).length;
      gcs.send(buildCommandLong(TARGET, command));
      const [ack] = await eventually(() => acks(gcs.messages, number).length > before && acks(gcs.messages, number).slice(before));
      expect(ack).toEqual({ command: number, result: 0, resultName: 'ACCEPTED' });
      await eventually(() => stateOf(gcs.messages).flightMode === mode);
    }
    expect(['returning', 'landing']).toContain(fleet.aircraft[0]!.mission.phase);
    expect(named(gcs.messages, 'STATUSTEXT').map((message) => (message.data as common.StatusText).text)).toContain('Mode RTL');
  });

  it('takes a mission upload, then flies it in AUTO after arming', async () => {
    const { fleet, port } = await startFleet([{ ...FLYING, armAfterS: null }], { timeScale: 20 });
    const gcs = await connect(port, fleet);
    gcs.send(...buildStreamRequests({ systemId: 42, componentId: 1 }));
    const waypoints: Array<[number, number]> = [[33.4736, -13.0146], [33.4736, -13.0096]];
    const item = (seq: number, command: number, [lon, lat]: [number, number], z: number) => Object.assign(new common.MissionItemInt(), {
      targetSystem: 42, targetComponent: 1, seq, frame: seq === 0 ? 0 : 3, command, current: 0, autocontinue: 1, x: Math.round(lat * 1e7), y: Math.round(lon * 1e7), z,
    });
    const items = [item(0, 16, [33.4686, -13.0146], 1050), item(1, 22, [0, 0], 30), item(2, 16, waypoints[0]!, 40), item(3, 16, waypoints[1]!, 40), item(4, 20, [0, 0], 0)];
    gcs.link.on('message', (message) => {
      if (message.data instanceof common.MissionRequestInt) gcs.send(items[message.data.seq]!);
    });
    gcs.send(Object.assign(new common.MissionCount(), { targetSystem: 42, targetComponent: 1, count: items.length, missionType: 0 }));
    const [ack] = await eventually(() => named(gcs.messages, 'MISSION_ACK').length > 0 && named(gcs.messages, 'MISSION_ACK'));
    expect(ack!.data).toMatchObject({ type: 0, targetSystem: 255, targetComponent: 190 });
    expect(named(gcs.messages, 'MISSION_REQUEST_INT').map((message) => (message.data as common.MissionRequestInt).seq)).toEqual([0, 1, 2, 3, 4]);
    expect(stateOf(gcs.messages)).toMatchObject({ isArmed: false, flightMode: 'GUIDED' });

    gcs.send(buildCommandLong(TARGET, 'arm'), Object.assign(buildCommandLong(TARGET, 'loiter'), { _param2: 3 })); // DO_SET_MODE AUTO (3)
    await eventually(() => acks(gcs.messages, 176).length > 0);
    expect(acks(gcs.messages, 400)[0]!.resultName).toBe('ACCEPTED');
    const nearest = (point: [number, number]) => Math.min(...named(gcs.messages, 'GLOBAL_POSITION_INT')
      .map((message) => message.data as common.GlobalPositionInt).map((position) => distanceM([position.lon / 1e7, position.lat / 1e7], point)));
    await eventually(() => nearest(waypoints[1]!) < 40);
    expect(nearest(waypoints[0]!)).toBeLessThan(40);
    await eventually(() => stateOf(gcs.messages).flightMode === 'RTL'); // the mission ends with NAV_RETURN_TO_LAUNCH
    expect(Math.max(...named(gcs.messages, 'GLOBAL_POSITION_INT').map((message) => (message.data as common.GlobalPositionInt).relativeAlt))).toBeLessThan(41_000);
  });

  it('signs every frame of the signed aircraft until it goes unsigned at 20 s, as the unsigned-from-signed scenario says', async () => {
    const { fleet, port } = await startFleet(SCENARIOS['unsigned-from-signed']!(), { timeScale: 40 });
    const gcs = await connect(port, fleet);
    await eventually(() => named(gcs.messages, 'HEARTBEAT').some((message) => message.receivedAtMs > 24_000));
    const verifier = new SignatureVerifier();
    const key = signingKeyFromPassphrase('kas-3-demo-key');
    const checks = gcs.messages.filter((message) => message.systemId === 13).map((message) => [message.receivedAtMs, verifier.verify(message, key)] as const);
    expect(checks.filter(([atMs]) => atMs < 19_000).every(([, check]) => check === 'valid')).toBe(true);
    expect(checks.filter(([atMs]) => atMs > 21_000).every(([, check]) => check === 'unsigned')).toBe(true);
    expect(checks.filter(([atMs]) => atMs < 19_000).length).toBeGreaterThan(10);
    const firstSigned = gcs.messages.find((message) => message.isSigned)!;
    expect(verifier.verify(firstSigned, key)).toBe('replayed');
    expect(new SignatureVerifier().verify(firstSigned, signingKeyFromPassphrase('wrong'))).toBe('bad-signature');
  });
});
