import { FrameDecoder } from './frame-decoder.ts';
import { FrameScanner } from './frame-scanner.ts';
import { createLinkStatistics, type LinkStatistics } from './link-statistics.ts';
import { defaultRegistry, type MessageRegistry } from './message-registry.ts';
import type { DecodedFrame } from './received-message.ts';
import { SenderStatistics } from './sender-statistics.ts';

/** Options of MavlinkDecoder. */
export interface MavlinkDecoderOptions {
  /** Known messages; default `defaultRegistry` (minimal + common + ardupilotmega). */
  registry?: MessageRegistry;
  /** Stamps `receivedAtMs` (ms since the epoch); default `Date.now`. */
  clock?: () => number;
}

/**
 * Bytes → messages for one byte stream (one UDP remote or one TCP connection), MAVLink 1 and 2.
 * Never throws on bad bytes: counts and drops them. A frame cut by the end of one push is completed
 * by the next; good frames found after a cut-short candidate release it as noise at once.
 */
export class MavlinkDecoder {
  private readonly counters: LinkStatistics = createLinkStatistics();
  private readonly scanner: FrameScanner;
  private readonly clock: () => number;
  private readonly perSender = new SenderStatistics();
  private readonly decoder = new FrameDecoder();
  private pending: Buffer | null = null;

  constructor(options: MavlinkDecoderOptions = {}) {
    this.scanner = new FrameScanner(options.registry ?? defaultRegistry, this.counters);
    this.clock = options.clock ?? Date.now;
  }

  /** Live counters for this stream (packets, bytes, badCrc, unknownMessages, lostPackets, lastPacketAtMs). */
  get statistics(): Readonly<LinkStatistics> {
    return this.counters;
  }

  /** Live counters per sender on this stream, keyed `${systemId}:${componentId}` (packets, bytes of its frames, lostPackets, lastPacketAtMs). */
  get senders(): Map<string, Readonly<LinkStatistics>> {
    return this.perSender.toMap();
  }

  /** Decodes every complete frame in `bytes` (after any bytes held from the last push); synchronous. */
  push(bytes: Buffer): DecodedFrame[] {
    const counters = this.counters;
    counters.bytes += bytes.length;
    const input = this.pending === null ? bytes : Buffer.concat([this.pending, bytes]);
    const scanner = this.scanner;
    scanner.reset(input);
    const frames: DecodedFrame[] = [];
    const receivedAtMs = this.clock();
    while (scanner.next()) {
      const frame = this.decoder.decode(input, scanner.frameStart, scanner.frameLength, scanner.messageClass!, receivedAtMs);
      counters.packets++;
      counters.lostPackets += this.perSender.observe(frame.systemId, frame.componentId, frame.sequence, scanner.frameLength, receivedAtMs);
      frames.push(frame);
    }
    if (frames.length > 0) counters.lastPacketAtMs = receivedAtMs;
    const heldFrom = scanner.heldFrom();
    // Copy the few held bytes so that a large pushed buffer is not kept alive by them.
    this.pending = heldFrom < input.length ? Buffer.from(input.subarray(heldFrom)) : null;
    scanner.reset(EMPTY);
    return frames;
  }
}

const EMPTY = Buffer.alloc(0);
