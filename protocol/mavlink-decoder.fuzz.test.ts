/**
 * Fuzz: a valid stream of MAVLink 1, MAVLink 2 and signed frames with random bytes, frames with a
 * flipped byte, frames of unknown ids and cut-off frames mixed in, pushed in random chunk sizes.
 * Seeded, so a failure repeats. Nothing may throw, every valid frame must arrive in order, and the
 * bad frames must be counted.
 */
import { common, minimal, type MavLinkData } from 'node-mavlink';
import { describe, expect, it } from 'vitest';
import { encodeMessage } from './encode-message.ts';
import { encodeSignedMessage } from './encode-signed-message.ts';
import { randomBytes, seededRandom } from './fixtures/seeded-bytes.ts';
import { mavlinkCrc } from './mavlink-crc.ts';
import { MavlinkDecoder } from './mavlink-decoder.ts';
import { signingKeyFromPassphrase } from './signing-key.ts';

const KEY = signingKeyFromPassphrase('fuzz');

function message(index: number, random: () => number): MavLinkData {
  switch (index % 5) {
    case 0: return Object.assign(new minimal.Heartbeat(), { type: 2, autopilot: 3, baseMode: 217, customMode: index & 0xff });
    case 1: return Object.assign(new common.GlobalPositionInt(), { timeBootMs: index, lat: Math.floor(random() * 1e9) - 5e8, lon: 334_686_000, alt: 1_150_000, relativeAlt: 100_000, hdg: 900 });
    case 2: return Object.assign(new common.Attitude(), { timeBootMs: index, roll: random(), pitch: -random(), yaw: 1 });
    case 3: return Object.assign(new common.StatusText(), { severity: 6, text: `fuzz ${index}`.repeat(1 + (index % 4)) });
    default: return Object.assign(new common.GpsRawInt(), { timeUsec: BigInt(index) * 1000n, fixType: 3, satellitesVisible: 12, lat: 1, lon: 2 });
  }
}

/** Valid frames from three senders, each with its own consecutive sequence numbers. */
function validFrames(count: number, random: () => number): Buffer[] {
  const sequences = [0, 0, 0];
  return Array.from({ length: count }, (_, index) => {
    const sender = index % 3;
    const sequence = sequences[sender] ?? 0;
    sequences[sender] = sequence + 1;
    const options = { systemId: 10 + sender, componentId: 1, sequence: sequence & 0xff };
    const data = message(index, random);
    if (sender === 2) return encodeSignedMessage(data, { ...options, key: KEY, signatureLinkId: 0, timestamp: 1_000_000 + index });
    return encodeMessage(data, { ...options, protocolVersion: sender === 1 && index % 2 === 0 ? 1 : 2 });
  });
}

/** A copy of `frame` that no decoder may accept: one payload or CRC byte flipped (CRC-16 catches every single-byte error). */
function corrupted(frame: Buffer, random: () => number): Buffer {
  const copy = Buffer.from(frame);
  const headerBytes = copy[0] === 0xfd ? 10 : 6;
  const offset = headerBytes + Math.floor(random() * ((copy[1] as number) + 2));
  copy[offset] = (copy[offset] as number) ^ (1 + Math.floor(random() * 255));
  return copy;
}

/** A copy of a MAVLink 2 `frame` claiming a message id no registry knows, with a CRC that would be right for it. */
function unknownId(frame: Buffer): Buffer {
  const copy = Buffer.from(frame.subarray(0, 10 + (frame[1] as number) + 2));
  copy[2] = 0; // unsigned
  copy.writeUIntLE(0xabcdef, 7, 3);
  copy.writeUInt16LE(mavlinkCrc(copy, 1, copy.length - 2, 0), copy.length - 2);
  return copy;
}

describe('MavlinkDecoder under fuzz', () => {
  it.each([1, 2, 3, 4, 5])('seed %i: every valid frame arrives in order, bad ones are counted, nothing throws', (seed) => {
    const random = seededRandom(seed);
    const valid = validFrames(1500, random);
    const parts: Buffer[] = [];
    let corruptedCount = 0;
    let unknownCount = 0;
    for (const [index, frame] of valid.entries()) {
      const roll = random();
      if (roll < 0.15) parts.push(randomBytes(random, 1 + Math.floor(random() * 60)));
      else if (roll < 0.25) {
        // Right before a valid frame, so the decoder can see where the bad one ends and count it.
        parts.push(corrupted(valid[(index + 7) % valid.length]!, random));
        corruptedCount++;
      } else if (roll < 0.3 && frame[0] === 0xfd) {
        parts.push(unknownId(frame));
        unknownCount++;
      } else if (roll < 0.35) {
        parts.push(valid[(index + 3) % valid.length]!.subarray(0, 1 + Math.floor(random() * 8))); // a frame cut short
      }
      parts.push(frame);
    }
    const stream = Buffer.concat(parts);
    const decoder = new MavlinkDecoder();
    const decoded: Buffer[] = [];
    for (let offset = 0; offset < stream.length;) {
      const size = 1 + Math.floor(random() * 700);
      for (const frame of decoder.push(stream.subarray(offset, offset + size))) decoded.push(Buffer.from(frame.raw));
      offset += size;
    }
    expect(decoded.length).toBe(valid.length);
    expect(decoded.every((raw, index) => raw.equals(valid[index]!))).toBe(true);
    const statistics = decoder.statistics;
    expect(statistics).toMatchObject({ packets: valid.length, bytes: stream.length, lostPackets: 0 });
    expect(statistics.badCrc).toBeGreaterThanOrEqual(corruptedCount);
    expect(statistics.unknownMessages).toBeGreaterThanOrEqual(unknownCount);
    expect(corruptedCount).toBeGreaterThan(100);
  });

  it('survives pure noise: 1 MB of random bytes, never throwing, accepting almost nothing', () => {
    const random = seededRandom(99);
    const decoder = new MavlinkDecoder();
    let accepted = 0;
    for (let chunk = 0; chunk < 256; chunk++) accepted += decoder.push(randomBytes(random, 4096)).length;
    // A random 16-bit CRC match on a random known id is possible, just rare: allow a handful.
    expect(accepted).toBeLessThanOrEqual(5);
    expect(decoder.statistics.bytes).toBe(256 * 4096);
  });
});
