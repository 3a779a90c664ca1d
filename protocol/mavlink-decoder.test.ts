import { common, MavLinkProtocolV2, minimal } from 'node-mavlink';
import { describe, expect, it } from 'vitest';
import { encodeMessage } from './encode-message.ts';
import { MavlinkDecoder } from './mavlink-decoder.ts';

const clock = (): number => 1_700_000_000_000;

function position(sequence: number, options: { protocolVersion?: 1 | 2; systemId?: number } = {}): Buffer {
  const message = new common.GlobalPositionInt();
  Object.assign(message, { timeBootMs: 1000 + sequence, lat: -130_146_000, lon: 334_686_000, alt: 1_150_000, relativeAlt: 100_000, vx: -1500, vy: 20, vz: -50, hdg: 27_000 });
  return encodeMessage(message, { systemId: options.systemId ?? 12, componentId: 1, sequence, protocolVersion: options.protocolVersion ?? 2 });
}

describe('MavlinkDecoder', () => {
  it('decodes MAVLink 2 and MAVLink 1 frames with their header and raw bytes', () => {
    const decoder = new MavlinkDecoder({ clock });
    const v2 = position(5);
    const v1 = position(6, { protocolVersion: 1 });
    const [first, second] = decoder.push(Buffer.concat([v2, v1]));
    expect(first).toMatchObject({ systemId: 12, componentId: 1, sequence: 5, messageId: 33, protocolVersion: 2, name: 'GLOBAL_POSITION_INT', receivedAtMs: clock() });
    expect(second).toMatchObject({ sequence: 6, protocolVersion: 1 });
    expect(first!.raw.equals(v2)).toBe(true);
    expect(second!.raw.equals(v1)).toBe(true);
    expect(first!.data).toBeInstanceOf(common.GlobalPositionInt);
    expect(first!.data).toMatchObject({ lat: -130_146_000, lon: 334_686_000, relativeAlt: 100_000, vx: -1500, hdg: 27_000 });
    expect(second!.data).toEqual({ ...(first!.data as object), timeBootMs: 1006 });
    expect(decoder.statistics).toEqual({ packets: 2, bytes: v2.length + v1.length, badCrc: 0, unknownMessages: 0, lostPackets: 0, lastPacketAtMs: clock() });
    expect(first!.isSigned).toBe(false);
  });

  it('zero-pads a MAVLink 2 payload whose trailing zeros were trimmed', () => {
    const message = new common.GlobalPositionInt();
    Object.assign(message, { timeBootMs: 42, lat: 1, lon: 2 }); // alt … hdg are zero: 19 of 28 bytes are trimmed
    const frame = encodeMessage(message, { systemId: 1, componentId: 1, sequence: 0 });
    expect(frame[1]).toBe(9);
    const [decoded] = new MavlinkDecoder().push(frame);
    expect(decoded!.data).toMatchObject({ timeBootMs: 42, lat: 1, lon: 2, alt: 0, relativeAlt: 0, vx: 0, hdg: 0 });
  });

  it('accepts an all-zero payload sent as 1 byte (C library, pymavlink) and as 0 bytes (node-mavlink)', () => {
    const message = new common.SystemTime();
    const oneByte = encodeMessage(message, { systemId: 1, componentId: 1, sequence: 0 });
    const zeroBytes = new MavLinkProtocolV2(1, 1).serialize(message, 1);
    expect([oneByte[1], zeroBytes[1]]).toEqual([1, 0]);
    const frames = new MavlinkDecoder().push(Buffer.concat([oneByte, zeroBytes]));
    expect(frames.map((frame) => [frame.name, frame.sequence])).toEqual([['SYSTEM_TIME', 0], ['SYSTEM_TIME', 1]]);
    expect(frames[0]!.data).toEqual(frames[1]!.data);
  });

  it('counts and drops a frame with a bad CRC; the next good frame still decodes', () => {
    const bad = position(0);
    bad[14] = (bad[14] as number) ^ 0x01;
    const decoder = new MavlinkDecoder();
    const frames = decoder.push(Buffer.concat([bad, position(1)]));
    expect(frames.map((frame) => frame.sequence)).toEqual([1]);
    expect(decoder.statistics).toMatchObject({ packets: 1, badCrc: 1 });
  });

  it('skips garbage between frames, start bytes included, without losing frames', () => {
    const garbage = Buffer.from([0x00, 0xfd, 0xff, 0x13, 0xfe, 0x01, 0x02, 0xfe, 0x40, 0xfd]);
    const decoder = new MavlinkDecoder();
    const frames = decoder.push(Buffer.concat([garbage, position(0), garbage, position(1, { protocolVersion: 1 }), garbage, position(2)]));
    expect(frames.map((frame) => frame.sequence)).toEqual([0, 1, 2]);
    expect(decoder.statistics).toMatchObject({ packets: 3, lostPackets: 0 });
  });

  it('completes a frame cut across pushes, even one byte at a time', () => {
    const decoder = new MavlinkDecoder();
    const stream = Buffer.concat([position(0), position(1, { protocolVersion: 1 }), position(2)]);
    const sequences: number[] = [];
    for (const byte of stream) sequences.push(...decoder.push(Buffer.from([byte])).map((frame) => frame.sequence));
    expect(sequences).toEqual([0, 1, 2]);
  });

  it('does not hold good frames back behind a start byte that claims a long frame', () => {
    const decoder = new MavlinkDecoder();
    expect(decoder.push(Buffer.from([0x01, 0xfd, 0xff, 0x00]))).toEqual([]);
    expect(decoder.push(position(9)).map((frame) => frame.sequence)).toEqual([9]);
  });

  it('counts packets lost from sequence gaps per sender, across the 255 → 0 wrap', () => {
    const decoder = new MavlinkDecoder({ clock });
    decoder.push(Buffer.concat([position(250), position(253), position(2), position(7, { systemId: 99 }), position(3)]));
    expect(decoder.statistics.lostPackets).toBe(2 + 4 + 0);
    expect(decoder.senders).toEqual(new Map([
      ['12:1', { packets: 4, bytes: 4 * 40, badCrc: 0, unknownMessages: 0, lostPackets: 6, lastPacketAtMs: clock() }],
      ['99:1', { packets: 1, bytes: 40, badCrc: 0, unknownMessages: 0, lostPackets: 0, lastPacketAtMs: clock() }],
    ]));
  });

  it('counts a well-framed message of an unknown id and drops it', () => {
    const unknown = Buffer.from(position(0));
    unknown.writeUIntLE(0xabcdef, 7, 3);
    const decoder = new MavlinkDecoder();
    expect(decoder.push(Buffer.concat([unknown, position(1)])).map((frame) => frame.sequence)).toEqual([1]);
    expect(decoder.statistics).toMatchObject({ packets: 1, unknownMessages: 1, badCrc: 0 });
  });

  it('accepts a signed MAVLink 2 frame and drops one with an unknown incompatibility flag', () => {
    const protocol = new MavLinkProtocolV2(3, 1, MavLinkProtocolV2.IFLAG_SIGNED);
    const signed = protocol.sign(protocol.serialize(new minimal.Heartbeat(), 4), 1, Buffer.alloc(32, 7), 1_700_000_000_000);
    const flagged = Buffer.from(position(5));
    flagged[2] = 0x02;
    const frames = new MavlinkDecoder().push(Buffer.concat([signed, flagged, position(6)]));
    expect(frames.map((frame) => [frame.name, frame.sequence, frame.raw.length, frame.isSigned])).toEqual([['HEARTBEAT', 4, signed.length, true], ['GLOBAL_POSITION_INT', 6, 40, false]]);
  });
});
