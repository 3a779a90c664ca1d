import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MavLinkProtocolV1, MavLinkTLogPacketSplitter, minimal } from 'node-mavlink';
import { describe, expect, it } from 'vitest';
import { encodeMessage } from './encode-message.ts';
import type { LinkStatistics } from './link-statistics.ts';
import { defaultRegistry } from './message-registry.ts';
import { readTlog, type TlogEntry } from './read-tlog.ts';
import { tlogRecord } from './tlog-record.ts';

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
    expect(statistics).toEqual({ packets: 23_894, bytes: bytes.length, badCrc: 0, unknownMessages: 0, lostPackets: 1_200 });
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
