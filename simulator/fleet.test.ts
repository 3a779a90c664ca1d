import { afterEach, describe, expect, it } from 'vitest';
import { common, encodeMessage, minimal, TcpClientLink, UdpLink, type ReceivedMessage } from '../protocol/index.ts';
import { MAV_CMD, MAV_RESULT } from './aircraft-commands.ts';
import { Fleet, sitlTcpPort } from './fleet.ts';
import { distanceM } from './geo-math.ts';
import { demoFleet } from './scenarios.ts';

const LOOPBACK = '127.0.0.1';

/** Resolves once `isDone` holds after some message (the test timeout bounds the wait). */
function waitFor(link: UdpLink, isDone: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (!isDone()) return;
      link.off('message', check);
      resolve();
    };
    link.on('message', check);
    check();
  });
}

describe('Fleet over loopback UDP', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function start(): Promise<{ link: UdpLink; fleet: Fleet; messages: ReceivedMessage[] }> {
    const link = new UdpLink({ id: 'gcs', host: LOOPBACK, port: 0 });
    const { port } = await link.start();
    cleanups.push(() => link.close());
    const messages: ReceivedMessage[] = [];
    link.on('message', (message) => messages.push(message));
    const fleet = new Fleet(demoFleet(), { target: `udpout:${LOOPBACK}:${port}`, timeScale: 20, tickMs: 20 });
    await fleet.start();
    cleanups.push(() => fleet.stop());
    return { link, fleet, messages };
  }

  it('delivers positions for every aircraft, each from its own port, moving steadily away from home', async () => {
    const { link, fleet, messages } = await start();
    const systemIds = [11, 12, 21, 22];
    const airborne = (systemId: number): common.GlobalPositionInt[] => messages
      .filter((message) => message.systemId === systemId && message.data instanceof common.GlobalPositionInt)
      .map((message) => message.data as common.GlobalPositionInt)
      .filter((position) => position.relativeAlt > 20_000);
    await waitFor(link, () => systemIds.every((systemId) => airborne(systemId).length >= 10));

    const remotes = new Set(messages.map((message) => `${message.systemId} ${message.remote}`));
    expect([...remotes].sort()).toEqual(systemIds.map((systemId, index) => `${systemId} ${LOOPBACK}:${fleet.ports[index]}`).sort());
    for (const [index, definition] of demoFleet().entries()) {
      const home = definition.route[0]!;
      const positions = airborne(definition.systemId);
      const distances = positions.map((position) => distanceM([home[0], home[1]], [position.lon / 1e7, position.lat / 1e7]));
      expect(positions.every((position, at) => at === 0 || position.timeBootMs > positions[at - 1]!.timeBootMs), definition.callsign).toBe(true);
      expect(distances.every((distance, at) => at === 0 || distance > distances[at - 1]!), definition.callsign).toBe(true);
      expect(fleet.aircraft[index]!.mission.phase).toBe('enroute');
    }
    expect(link.statistics).toMatchObject({ badCrc: 0, unknownMessages: 0 });
  });

  it('takes ground-station heartbeats, commands and garbage back on each aircraft’s port without stopping', async () => {
    const { link, fleet, messages } = await start();
    await waitFor(link, () => new Set(messages.map((message) => message.remote)).size === 4);
    const remotes = new Map(messages.map((message) => [message.systemId, message.remote]));
    const gcsHeartbeat = Object.assign(new minimal.Heartbeat(), { type: 6, autopilot: 8 });
    let sequence = 0;
    for (const [systemId, remote] of remotes) {
      const setInterval = Object.assign(new common.CommandLong(), { targetSystem: systemId, targetComponent: 1, command: MAV_CMD.SET_MESSAGE_INTERVAL, _param1: 33, _param2: 200_000 });
      link.send(remote, Buffer.from([0xfd, 0xff, 0x00, 0x13, 0x37]));
      link.send(remote, encodeMessage(gcsHeartbeat, { systemId: 255, componentId: 190, sequence: sequence++ }));
      link.send(remote, encodeMessage(setInterval, { systemId: 255, componentId: 190, sequence: sequence++ }));
    }
    const acks = (): ReceivedMessage[] => messages.filter((message) => message.data instanceof common.CommandAck);
    await waitFor(link, () => acks().length === 4);
    expect(acks().map((message) => (message.data as common.CommandAck).result)).toEqual([0, 0, 0, 0].map(() => MAV_RESULT.ACCEPTED));
    expect(fleet.aircraft.map((aircraft) => aircraft.groundStationHeartbeats)).toEqual([1, 1, 1, 1]);
    const countBefore = messages.length;
    await waitFor(link, () => messages.length > countBefore + 100);
  });

  it('refuses a target it cannot send to and a second start', async () => {
    expect(() => new Fleet(demoFleet(), { target: 'udpin:0.0.0.0:14550' })).toThrow(/udpout:host:port/);
    expect(() => new Fleet(demoFleet(), { target: 'udpout:127.0.0.1:0' })).toThrow(/port/);
    expect(() => new Fleet([...demoFleet(), demoFleet()[0]!])).toThrow(/distinct system ids/);
    const { fleet } = await start();
    await expect(fleet.start()).rejects.toThrow(/already started/);
  });
});

describe('Fleet over loopback TCP and UDP at once', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('numbers TCP ports as SITL instances are numbered', () => {
    expect([0, 1, 2].map((index) => sitlTcpPort(5760, index))).toEqual([5760, 5770, 5780]);
    expect(sitlTcpPort(0, 3)).toBe(0);
    expect(() => new Fleet(demoFleet(), { tcpBasePort: 65_530 })).toThrow(/tcpBasePort/);
  });

  it('sends streams to --out at once, while a TCP ground station hears only heartbeats until it asks, and is told of connections', async () => {
    const link = new UdpLink({ id: 'gcs', host: LOOPBACK, port: 0 });
    const { port } = await link.start();
    cleanups.push(() => link.close());
    const messages: ReceivedMessage[] = [];
    link.on('message', (message) => messages.push(message));
    const fleet = new Fleet(demoFleet().slice(0, 2), { out: `udp:${LOOPBACK}:${port}`, tcpBasePort: 0, timeScale: 4, tickMs: 20 });
    const connections: string[] = [];
    fleet.on('connection', (event) => connections.push(`${event.systemId} ${event.state}`));
    const { tcpPorts, ports } = await fleet.start();
    cleanups.push(() => fleet.stop());
    expect(tcpPorts).toHaveLength(2);
    expect(ports).toHaveLength(2);
    expect(new Set(tcpPorts).size).toBe(2);

    const tcp = new TcpClientLink({ id: 'tcp', host: LOOPBACK, port: tcpPorts[1]! });
    const overTcp: ReceivedMessage[] = [];
    tcp.on('message', (message) => overTcp.push(message));
    await tcp.start();
    cleanups.push(() => tcp.close());
    await waitFor(link, () => messages.filter((message) => message.name === 'GLOBAL_POSITION_INT').length >= 10 && overTcp.length >= 2);
    expect(new Set(overTcp.map((message) => message.name))).not.toContain('GLOBAL_POSITION_INT');
    expect(overTcp.every((message) => message.systemId === 12)).toBe(true);
    await tcp.close();
    await waitFor(link, () => connections.length === 2);
    expect(connections).toEqual(['12 connected', '12 disconnected']);
  });
});
