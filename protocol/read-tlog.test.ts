import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { common, MavLinkProtocolV1, MavLinkTLogPacketSplitter, minimal, type MavLinkData } from 'node-mavlink';
import { describe, expect, it } from 'vitest';
import { encodeMessage } from './encode-message.ts';
import type { LinkStatistics } from './link-statistics.ts';
import { defaultRegistry } from './message-registry.ts';
import { seededRandom } from './fixtures/seeded-bytes.ts';
import { MavlinkDecoder } from './mavlink-decoder.ts';
import { readTlog, readTlogEntries, type TlogEntry } from './read-tlog.ts';
import { tlogRecord } from './tlog-record.ts';
import { createVehicleState, reduceVehicleState, type VehicleState } from './vehicle-state.ts';

const FIXTURE = fileURLToPath(new URL('../../shared/fixtures/arduplane-sitl-vtol.tlog', import.meta.url));

function readAll(bytes: Buffer): { entries: TlogEntry[]; statistics: LinkStatistics } {
  const generator = readTlog(bytes);
  const entries: TlogEntry[] = [];
  for (let step = generator.next(); ; step = generator.next()) {
    if (step.done) return { entries, statistics: step.value };
    entries.push(step.value);
  }
}

function heartbeat(sequence: number): Buffer {
  const message = new minimal.Heartbeat();
  message.type = 2;
  message.autopilot = 3;
  return encodeMessage(message, { systemId: 7, componentId: 1, sequence });
}

describe('readTlog on the ArduPlane SITL fixture', () => {
  const bytes = readFileSync(FIXTURE);
  const { entries, statistics } = readAll(bytes);

  it('finds every packet the brief counts (23,894, of which 807 GLOBAL_POSITION_INT), all MAVLink 1 from 1/1', () => {
    expect(entries).toHaveLength(23_894);
    expect(entries.filter((entry) => entry.frame.name === 'GLOBAL_POSITION_INT')).toHaveLength(807);
    expect(entries.filter((entry) => entry.frame.name === 'HEARTBEAT')).toHaveLength(199);
    expect(entries.every((entry) => entry.frame.protocolVersion === 1 && entry.frame.systemId === 1 && entry.frame.componentId === 1)).toBe(true);
    expect(statistics).toEqual({
      packets: 23_894, bytes: bytes.length, badCrc: 0, unknownMessages: 0, lostPackets: 1_200, lastPacketAtMs: entries.at(-1)!.frame.receivedAtMs, unreadBytes: 0,
    });
  });

  it('reads the record timestamps: 208 s of flight, never going back', () => {
    const first = entries[0]!;
    const last = entries.at(-1)!;
    expect(first.timestampUs).toBe(1_533_737_161_905_000n);
    expect(Number(last.timestampUs - first.timestampUs) / 1e6).toBeCloseTo(207.608, 3);
    expect(first.frame.receivedAtMs).toBe(1_533_737_161_905);
    expect(entries.every((entry, index) => index === 0 || entry.timestampUs >= entries[index - 1]!.timestampUs)).toBe(true);
  });

  it('finds the same frames as node-mavlink’s .tlog splitter, and the same field values as its parser', async () => {
    const splitter = new MavLinkTLogPacketSplitter();
    const theirs: Buffer[] = [];
    splitter.on('data', ({ buffer }: { buffer: Buffer }) => theirs.push(buffer));
    await new Promise((resolve) => splitter.end(bytes, () => resolve(undefined)));
    expect(theirs).toHaveLength(entries.length);
    expect(entries.every((entry, index) => entry.frame.raw.equals(theirs[index]!))).toBe(true);
    const protocol = new MavLinkProtocolV1();
    for (const { frame } of entries) {
      expect(frame.data).toEqual(protocol.data(protocol.payload(frame.raw), defaultRegistry[frame.messageId]!));
    }
  });

  it('decodes the aircraft where it flew (near Canberra)', () => {
    const position = entries.find((entry) => entry.frame.name === 'GLOBAL_POSITION_INT')!.frame.data as { lat: number; lon: number };
    expect(position.lat / 1e7).toBeCloseTo(-35.363, 2);
    expect(position.lon / 1e7).toBeCloseTo(149.165, 2);
  });
});

describe('readTlog on messy files', () => {
  it('round-trips tlogRecord, keeping µs timestamps', () => {
    const bytes = Buffer.concat([tlogRecord(heartbeat(0), 1_700_000_000_000.5), tlogRecord(heartbeat(1), 1_700_000_000_250)]);
    const { entries } = readAll(bytes);
    expect(entries.map((entry) => entry.timestampUs)).toEqual([1_700_000_000_000_500n, 1_700_000_000_250_000n]);
    expect(entries.map((entry) => entry.frame.receivedAtMs)).toEqual([1_700_000_000_000, 1_700_000_000_250]);
  });

  it('gives packets of one chunk (one timestamp before several packets) that chunk’s timestamp', () => {
    const chunk = (timeMs: number, first: number): Buffer =>
      tlogRecord(Buffer.concat([heartbeat(first), heartbeat(first + 1), heartbeat(first + 2)]), timeMs);
    const { entries, statistics } = readAll(Buffer.concat([chunk(1_700_000_000_000, 0), chunk(1_700_000_001_000, 3)]));
    expect(entries.map((entry) => entry.frame.sequence)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(entries.map((entry) => entry.frame.receivedAtMs)).toEqual([
      1_700_000_000_000, 1_700_000_000_000, 1_700_000_000_000, 1_700_000_001_000, 1_700_000_001_000, 1_700_000_001_000,
    ]);
    expect(statistics.lostPackets).toBe(0);
  });

  it('skips corrupt bytes and a cut last record without losing the good packets around them', () => {
    const corrupt = heartbeat(1);
    corrupt[12] = (corrupt[12] as number) ^ 0xff;
    const bytes = Buffer.concat([
      tlogRecord(heartbeat(0), 1_700_000_000_000),
      Buffer.from([0xfd, 0x09, 0x00, 0x13, 0xfe, 0x22]),
      tlogRecord(corrupt, 1_700_000_000_100),
      tlogRecord(heartbeat(2), 1_700_000_000_200),
      tlogRecord(heartbeat(3), 1_700_000_000_300).subarray(0, 14),
    ]);
    const { entries, statistics } = readAll(bytes);
    expect(entries.map((entry) => [entry.frame.sequence, entry.frame.receivedAtMs])).toEqual([[0, 1_700_000_000_000], [2, 1_700_000_000_200]]);
    expect(statistics.badCrc).toBe(1);
    expect(statistics.lostPackets).toBe(1);
  });

  it('rejects a timestamp that is not a finite, non-negative number of ms', () => {
    expect(() => tlogRecord(heartbeat(0), Number.NaN)).toThrow(/receivedAtMs/);
    expect(() => tlogRecord(heartbeat(0), -1)).toThrow(/receivedAtMs/);
  });
});

describe('readTlog on corrupted and truncated files: imports what is valid, reports the rest', () => {
  const bytes = readFileSync(FIXTURE);
  const original = readTlogEntries(bytes).entries;
  /** Offset of each original frame in the file (raw is a view into `bytes`). */
  const spans = original.map((entry) => {
    const start = entry.frame.raw.byteOffset - bytes.byteOffset;
    return [start, start + entry.frame.raw.length] as const;
  });

  it('reads every record cut off at each possible length as unread bytes, keeping all complete records', () => {
    const head = Buffer.concat([tlogRecord(heartbeat(0), 1_700_000_000_000), tlogRecord(heartbeat(1), 1_700_000_000_100)]);
    const last = tlogRecord(heartbeat(2), 1_700_000_000_200);
    for (let cut = 0; cut < last.length; cut++) {
      const { entries, statistics } = readTlogEntries(Buffer.concat([head, last.subarray(0, cut)]));
      expect(entries.map((entry) => entry.frame.sequence), `cut at ${cut}`).toEqual([0, 1]);
      expect(statistics.unreadBytes, `cut at ${cut}`).toBe(cut);
      expect(statistics.badCrc).toBe(0);
    }
    expect(readTlogEntries(Buffer.concat([head, last])).statistics.unreadBytes).toBe(0);
  });

  it('recovers every frame of the SITL log that a flipped byte did not touch, and counts the damage', () => {
    const random = seededRandom(2017);
    const damaged = Buffer.from(bytes);
    const flipped = new Set<number>();
    while (flipped.size < 300) flipped.add(Math.floor(random() * damaged.length));
    for (const offset of flipped) damaged[offset] = (damaged[offset] as number) ^ (1 + Math.floor(random() * 255));
    const hit = spans.filter(([start, end]) => [...flipped].some((offset) => offset >= start && offset < end)).length;

    const { entries, statistics } = readTlogEntries(damaged);
    expect(entries).toHaveLength(original.length - hit);
    const untouched = new Set(spans.filter(([start, end]) => ![...flipped].some((offset) => offset >= start && offset < end)).map(([start]) => start));
    expect(entries.every((entry) => untouched.has(entry.frame.raw.byteOffset - damaged.byteOffset))).toBe(true);
    expect(statistics.packets).toBe(entries.length);
    expect(statistics.badCrc).toBeGreaterThan(hit / 2);
    expect(statistics.unreadBytes).toBeGreaterThan(0);
    expect(hit).toBeGreaterThan(200);
  });

  it('reads a file cut in the middle up to the cut', () => {
    const half = bytes.subarray(0, Math.floor(bytes.length / 2));
    const { entries, statistics } = readTlogEntries(half);
    const complete = spans.filter(([, end]) => end <= half.length).length;
    expect(entries).toHaveLength(complete);
    expect(statistics.unreadBytes).toBeLessThan(8 + 263);
  });
});

describe('.tlog write → read', () => {
  it('gives the same vehicle states as the live stream it recorded', () => {
    const sequence = { value: 0 };
    const frame = (data: MavLinkData): Buffer => encodeMessage(data, { systemId: 7, componentId: 1, sequence: sequence.value++ & 0xff });
    const recorded: Array<{ raw: Buffer; atMs: number }> = [];
    for (let second = 0; second < 30; second++) {
      const atMs = 1_700_000_000_000 + second * 1000 + 0.25;
      const messages: MavLinkData[] = [
        Object.assign(new minimal.Heartbeat(), { type: 2, autopilot: 3, baseMode: second > 5 ? 217 : 89, customMode: second > 20 ? 6 : 3 }),
        Object.assign(new common.GlobalPositionInt(), { timeBootMs: second * 1000, lat: -130_146_000 + second * 100, lon: 334_686_000, alt: 1_150_000, relativeAlt: 100_000, vx: 100, vy: 0, vz: 0, hdg: 0 }),
        Object.assign(new common.Attitude(), { roll: second / 100, pitch: 0, yaw: 1 }),
        Object.assign(new common.SysStatus(), { batteryRemaining: 100 - second, voltageBattery: 16_000 - second * 10 }),
        Object.assign(new common.VfrHud(), { groundspeed: 1, airspeed: 2, climb: 0 }),
      ];
      if (second % 10 === 0) messages.push(Object.assign(new common.StatusText(), { severity: 6, text: `t=${second}` }));
      if (second === 3) messages.push(Object.assign(new common.HomePosition(), { latitude: -130_146_000, longitude: 334_686_000, altitude: 1_050_000 }));
      for (const data of messages) recorded.push({ raw: frame(data), atMs });
    }
    const reduce = (frames: Iterable<{ name: string; data: unknown; receivedAtMs: number }>): VehicleState => {
      let state = createVehicleState(7, 1);
      for (const message of frames) state = reduceVehicleState(state, message);
      return state;
    };
    const live = reduce(recorded.flatMap(({ raw, atMs }) => new MavlinkDecoder({ clock: () => Math.floor(atMs) }).push(raw)));
    const file = Buffer.concat(recorded.map(({ raw, atMs }) => tlogRecord(raw, atMs)));
    const { entries, statistics } = readTlogEntries(file);
    expect(statistics).toMatchObject({ packets: recorded.length, badCrc: 0, lostPackets: 0, unreadBytes: 0 });
    expect(reduce(entries.map((entry) => entry.frame))).toEqual(live);
    expect(live).toMatchObject({ flightMode: 'RTL', isArmed: true, batteryRemainingPct: 71, home: { altitudeMslM: 1050 } });
    expect(live.statusTexts.map((line) => line.text)).toEqual(['t=0', 't=10', 't=20']);
  });
});
