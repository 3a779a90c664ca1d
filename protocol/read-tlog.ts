import { FrameDecoder } from './frame-decoder.ts';
import { FrameScanner } from './frame-scanner.ts';
import { createLinkStatistics, type LinkStatistics } from './link-statistics.ts';
import { defaultRegistry, type MessageRegistry } from './message-registry.ts';
import { PacketLossCounter } from './packet-loss-counter.ts';
import type { DecodedFrame } from './received-message.ts';
import { TLOG_TIMESTAMP_BYTES } from './tlog-record.ts';

/** One packet read back from a .tlog with the timestamp that preceded it (µs since the Unix epoch). */
export interface TlogEntry {
  timestampUs: bigint;
  /** The decoded frame; its `receivedAtMs` is the timestamp in whole ms. */
  frame: DecodedFrame;
}

/** What reading a .tlog found: the LinkStatistics of its packets, and how much of the file it could not use. */
export interface TlogStatistics extends LinkStatistics {
  /**
   * Bytes that are neither a good frame nor the record timestamp before one: corrupt or unknown
   * frames, noise, and a record cut short at the end of the file. 0 for a clean file.
   */
  unreadBytes: number;
}

/** Timestamps outside 2000–2100 are taken for noise unless they sit exactly where a record header belongs. */
const PLAUSIBLE_FROM_US = 946_684_800_000_000n;
const PLAUSIBLE_TO_US = 4_102_444_800_000_000n;

/**
 * Reads every good frame of a .tlog (8-byte big-endian µs timestamp before each packet). It scans
 * for frames instead of trusting record boundaries: some tools write one timestamp per chunk read,
 * not per packet, so a frame without its own timestamp inherits the last one seen (0 before any).
 * Never throws on corrupt or truncated bytes; the generator's return value says what was read and
 * what was not (TlogStatistics).
 */
export function* readTlog(bytes: Buffer, options: { registry?: MessageRegistry } = {}): Generator<TlogEntry, TlogStatistics, undefined> {
  const statistics: TlogStatistics = { ...createLinkStatistics(), unreadBytes: 0 };
  statistics.bytes = bytes.length;
  const scanner = new FrameScanner(options.registry ?? defaultRegistry, statistics, TLOG_TIMESTAMP_BYTES);
  const loss = new PacketLossCounter();
  const decoder = new FrameDecoder();
  scanner.reset(bytes);
  let timestampUs = 0n;
  let previousEnd = 0;
  while (scanner.next()) {
    const start = scanner.frameStart;
    const gap = start - previousEnd;
    let headerBytes = 0;
    if (gap >= TLOG_TIMESTAMP_BYTES) {
      const candidate = bytes.readBigUInt64BE(start - TLOG_TIMESTAMP_BYTES);
      const isPlausible = candidate >= PLAUSIBLE_FROM_US && candidate < PLAUSIBLE_TO_US;
      if (gap === TLOG_TIMESTAMP_BYTES || isPlausible) {
        timestampUs = candidate;
        headerBytes = TLOG_TIMESTAMP_BYTES;
      }
    }
    statistics.unreadBytes += gap - headerBytes;
    previousEnd = start + scanner.frameLength;
    const frame = decoder.decode(bytes, start, scanner.frameLength, scanner.messageClass!, Number(timestampUs / 1000n));
    statistics.packets++;
    statistics.lostPackets += loss.observe(frame.systemId, frame.componentId, frame.sequence);
    statistics.lastPacketAtMs = frame.receivedAtMs;
    yield { timestampUs, frame };
  }
  statistics.unreadBytes += bytes.length - previousEnd;
  return statistics;
}

/**
 * Reads a whole .tlog at once (as an import does): every good packet in file order and the
 * statistics of what could not be read. Pure; never throws on corrupt or truncated files.
 */
export function readTlogEntries(bytes: Buffer, options: { registry?: MessageRegistry } = {}): { entries: TlogEntry[]; statistics: TlogStatistics } {
  const generator = readTlog(bytes, options);
  const entries: TlogEntry[] = [];
  for (let step = generator.next(); ; step = generator.next()) {
    if (step.done) return { entries, statistics: step.value };
    entries.push(step.value);
  }
}
