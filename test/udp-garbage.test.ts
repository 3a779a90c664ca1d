/**
 * Garbage beside valid traffic, on each database: while a registered aircraft (KAS-2) streams
 * positions over real loopback UDP, 20,000 bad datagrams arrive within seconds from four other
 * source ports and from the aircraft's own port — random bytes, frames cut short, frames with a bad
 * CRC and oversize datagrams up to UDP's 65,507-byte limit. Every valid position is stored, and the
 * link's statistics count what came in (every byte, the bad CRCs).
 */
import dgram from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LinkView, Page, VehicleView } from '../server/contracts/index.ts';
import { common, encodeMessage } from '../protocol/index.ts';
import { MavlinkSender } from './support/mavlink-sender.ts';
import { eventually, startHarness, type PlatformHarness } from './support/platform-harness.ts';
import { databaseKinds } from './support/test-database.ts';

const SYSTEM_ID = 12;
const VALID_POSITIONS = 1000;
const GARBAGE_DATAGRAMS = 20_000;
const MAX_UDP_PAYLOAD_BYTES = 65_507;

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A well-formed GLOBAL_POSITION_INT frame of another system id. */
function positionFrame(sequence: number): Buffer {
  const position = new common.GlobalPositionInt();
  position.lat = -130_600_000;
  position.lon = 334_000_000;
  return encodeMessage(position, { systemId: 200, componentId: 1, sequence: sequence % 256 });
}

type GarbageKind = 'random' | 'truncated' | 'bad-crc' | 'oversize';

/** The `index`-th bad datagram: mostly random bytes and broken frames, one in 100 oversize. */
function garbage(index: number, next: () => number): { kind: GarbageKind; bytes: Buffer } {
  const randomBytes = (length: number) => Buffer.from(Array.from({ length }, () => Math.floor(next() * 256)));
  if (index % 100 === 99) return { kind: 'oversize', bytes: randomBytes(MAX_UDP_PAYLOAD_BYTES - Math.floor(next() * 1000)) };
  const frame = positionFrame(index);
  switch (index % 3) {
    case 0: return { kind: 'random', bytes: randomBytes(1 + Math.floor(next() * 600)) };
    case 1: return { kind: 'truncated', bytes: frame.subarray(0, 1 + Math.floor(next() * (frame.length - 1))) };
    default: {
      const broken = Buffer.from(frame);
      broken[frame.length - 1] = broken[frame.length - 1]! ^ 0xff; // the CRC's high byte
      return { kind: 'bad-crc', bytes: broken };
    }
  }
}

describe.each(databaseKinds())('garbage UDP beside valid traffic on the %s database', (kind) => {
  let harness: PlatformHarness;
  const sockets: dgram.Socket[] = [];
  let aircraft: MavlinkSender;

  beforeAll(async () => {
    harness = await startHarness(kind);
    aircraft = new MavlinkSender(harness.udpPort, SYSTEM_ID);
    for (let i = 0; i < 4; i += 1) sockets.push(dgram.createSocket('udp4'));
  });
  afterAll(async () => {
    aircraft?.close();
    sockets.forEach((socket) => socket.close());
    await harness?.stop();
  });

  it('stores every valid position and counts the bad input', { timeout: 120_000 }, async () => {
    const next = random(9);
    const sent = { random: 0, truncated: 0, 'bad-crc': 0, oversize: 0, bytesFromOthers: 0, validPositions: 0 };
    const sendFrom = (socket: dgram.Socket, bytes: Buffer) =>
      new Promise<void>((resolve, reject) => socket.send(bytes, harness.udpPort, '127.0.0.1', (error) => (error ? reject(error) : resolve())));
    await aircraft.heartbeat({ armed: true });
    let garbageSent = 0;
    const perPosition = GARBAGE_DATAGRAMS / VALID_POSITIONS;
    for (let i = 0; i < VALID_POSITIONS; i += 1) {
      const batch: Array<Promise<void>> = [];
      for (let j = 0; j < perPosition; j += 1, garbageSent += 1) {
        const { kind: garbageKind, bytes } = garbage(garbageSent, next);
        sent[garbageKind] += 1;
        // One in five from the aircraft's own port: its decoder must find the next good frame after them.
        const isFromAircraft = garbageSent % 5 === 0 && garbageKind !== 'oversize';
        if (isFromAircraft) batch.push(aircraft.sendBytes(bytes));
        else {
          sent.bytesFromOthers += bytes.length;
          batch.push(sendFrom(sockets[garbageSent % sockets.length]!, bytes));
        }
      }
      batch.push(aircraft.position(33.40 + i * 0.00001, -13.06, 50, 1050, i * 5));
      await Promise.all(batch);
      sent.validPositions += 1;
      if (i % 100 === 0) await aircraft.heartbeat({ armed: true });
      await new Promise((resolve) => setImmediate(resolve)); // let the server (same process) read its socket
    }
    const stats = await eventually(async () => {
      await harness.platform.writeQueue.flush();
      const { knex } = harness.platform.database;
      const flight = await knex('flights').where({ system_id: SYSTEM_ID }).first();
      const stored = flight ? Number((await knex('telemetry').where({ flight_id: flight.id }).count({ count: '*' }))[0]!.count) : 0;
      return stored === VALID_POSITIONS && { stored };
    }, 'every valid position stored', 60_000).catch(() => ({ stored: -1 }));
    const links = await harness.api.getJson<Page<LinkView>>('/api/links');
    const link = links.items[0]!;
    console.info(`[udp-garbage ${kind}] sent ${JSON.stringify(sent)}; link ${JSON.stringify(link.statistics)}; stored ${stats.stored}`);
    expect(stats.stored).toBe(VALID_POSITIONS);
    // Every byte of the other ports' garbage arrived and was looked at; the broken frames are counted.
    expect(link.statistics.bytes).toBeGreaterThanOrEqual(sent.bytesFromOthers);
    expect(link.statistics.badCrc).toBeGreaterThanOrEqual(sent['bad-crc']);
    // Every frame the aircraft sent was decoded (positions and heartbeats), none lost in the garbage from its own port.
    const expectedPackets = VALID_POSITIONS + 1 + VALID_POSITIONS / 100;
    await eventually(async () => (await harness.api.getJson<Page<VehicleView>>('/api/vehicles')).items.find((item) => item.systemId === SYSTEM_ID)?.link?.packets === expectedPackets,
      `the aircraft's ${expectedPackets} packets counted`, 10_000);
  });
});
