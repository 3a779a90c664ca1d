import { common, MavLinkPacketParser, MavLinkPacketSplitter, minimal, type MavLinkPacket } from 'node-mavlink';
import { describe, expect, it } from 'vitest';
import { encodeMessage } from './encode-message.ts';
import { MavlinkDecoder } from './mavlink-decoder.ts';
import { MessageSequence } from './message-sequence.ts';

function gpsRaw(): common.GpsRawInt {
  const message = new common.GpsRawInt();
  Object.assign(message, { timeUsec: 123_456_789n, lat: -188_100_000, lon: 1_690_000_000, alt: 110_000, fixType: 3, satellitesVisible: 14, altEllipsoid: 150_000, yaw: 9000 });
  return message;
}

/** Parses frames with node-mavlink's own splitter and parser (a second implementation to agree with). */
async function parseWithNodeMavlink(bytes: Buffer): Promise<MavLinkPacket[]> {
  const splitter = new MavLinkPacketSplitter();
  const parser = splitter.pipe(new MavLinkPacketParser());
  const packets: MavLinkPacket[] = [];
  parser.on('data', (packet: MavLinkPacket) => packets.push(packet));
  const ended = new Promise((resolve) => parser.on('end', resolve));
  splitter.end(bytes);
  await ended;
  return packets;
}

describe('encodeMessage', () => {
  it('round-trips MAVLink 2 and MAVLink 1 through the decoder', () => {
    const options = { systemId: 21, componentId: 1, sequence: 200 };
    const frames = [encodeMessage(gpsRaw(), options), encodeMessage(gpsRaw(), { ...options, protocolVersion: 1 })];
    const [v2, v1] = new MavlinkDecoder().push(Buffer.concat(frames));
    expect(v2).toMatchObject({ systemId: 21, componentId: 1, sequence: 200, protocolVersion: 2, name: 'GPS_RAW_INT' });
    expect(v2!.data).toEqual(gpsRaw());
    // MAVLink 1 carries no extension fields (as the C library sends it): those decode as zero.
    expect(v1).toMatchObject({ protocolVersion: 1, name: 'GPS_RAW_INT' });
    expect(v1!.data).toEqual({ ...gpsRaw(), altEllipsoid: 0, yaw: 0 });
    expect(frames[1]![1]).toBe(30);
  });

  it('writes frames node-mavlink’s own parser accepts with the same field values', async () => {
    const heartbeat = new minimal.Heartbeat();
    Object.assign(heartbeat, { type: 2, autopilot: 3, baseMode: 217, customMode: 3, systemStatus: 4 });
    const bytes = Buffer.concat([
      encodeMessage(heartbeat, { systemId: 11, componentId: 1, sequence: 0 }),
      encodeMessage(gpsRaw(), { systemId: 11, componentId: 1, sequence: 1 }),
      encodeMessage(heartbeat, { systemId: 11, componentId: 1, sequence: 2, protocolVersion: 1 }),
    ]);
    const packets = await parseWithNodeMavlink(bytes);
    expect(packets.map((packet) => [packet.header.msgid, packet.header.seq, packet.header.sysid])).toEqual([[0, 0, 11], [24, 1, 11], [0, 2, 11]]);
    expect(packets[1]!.protocol.data(packets[1]!.payload, common.GpsRawInt)).toEqual(gpsRaw());
    expect(packets[0]!.protocol.data(packets[0]!.payload, minimal.Heartbeat)).toEqual({ ...heartbeat, mavlinkVersion: 3 });
  });

  it('sends 1 payload byte for an all-zero payload, as the C library does', () => {
    const frame = encodeMessage(new common.SystemTime(), { systemId: 1, componentId: 1, sequence: 0 });
    expect(frame[1]).toBe(1);
    expect(frame).toHaveLength(10 + 1 + 2);
  });

  it('sends HEARTBEAT with mavlink_version 3 without changing the caller’s message', () => {
    const heartbeat = new minimal.Heartbeat();
    const [decoded] = new MavlinkDecoder().push(encodeMessage(heartbeat, { systemId: 1, componentId: 1, sequence: 0 }));
    expect((decoded!.data as minimal.Heartbeat).mavlinkVersion).toBe(3);
    expect(heartbeat.mavlinkVersion).toBe(0);
  });

  it('throws Errors naming a bad option', () => {
    const message = new minimal.Heartbeat();
    expect(() => encodeMessage(message, { systemId: 256, componentId: 1, sequence: 0 })).toThrow(/systemId must be an integer 0–255, got 256/);
    expect(() => encodeMessage(message, { systemId: 1, componentId: -1, sequence: 0 })).toThrow(/componentId/);
    expect(() => encodeMessage(message, { systemId: 1, componentId: 1, sequence: 1.5 })).toThrow(/sequence/);
    expect(() => encodeMessage(message, { systemId: 1, componentId: 1, sequence: 0, protocolVersion: 3 as 2 })).toThrow(/protocolVersion/);
    expect(() => encodeMessage({} as minimal.Heartbeat, { systemId: 1, componentId: 1, sequence: 0 })).toThrow(/MavLinkData instance/);
    const openDroneId = new common.OpenDroneIdSystem(); // id 12904
    expect(() => encodeMessage(openDroneId, { systemId: 1, componentId: 1, sequence: 0, protocolVersion: 1 })).toThrow(/MAVLink 1/);
  });
});

describe('MessageSequence', () => {
  it('hands out 0–255 and wraps', () => {
    const sequence = new MessageSequence(254);
    expect([sequence.next(), sequence.next(), sequence.next()]).toEqual([254, 255, 0]);
  });

  it('keeps one counter per instance', () => {
    const a = new MessageSequence();
    const b = new MessageSequence();
    a.next();
    expect([a.next(), b.next()]).toEqual([1, 0]);
  });

  it('rejects a start outside 0–255', () => {
    expect(() => new MessageSequence(256)).toThrow(/start must be an integer 0–255/);
  });
});
