import type { LinkStatistics } from './link-statistics.ts';

/** One sender's counters, plain numbers (never null) so that the per-frame path stays monomorphic. */
class Sender {
  packets = 0;
  bytes = 0;
  lostPackets = 0;
  lastPacketAtMs = 0;
  constructor(public lastSequence: number) {}
}

/**
 * Per-sender counters for one byte stream, keyed by (system id, component id): packets, bytes of
 * good frames, packets lost from sequence gaps (as pymavlink's mavutil counts them: a sender's
 * first packet sets the baseline, a gap of n adds n) and when it was last heard. badCrc and
 * unknownMessages stay 0 here: a corrupt frame's header cannot be trusted to name its sender.
 */
export class SenderStatistics {
  private readonly senders = new Map<number, Sender>();

  /** Records one good frame; returns how many packets the gap before it says were lost (0–255). */
  observe(systemId: number, componentId: number, sequence: number, frameBytes: number, receivedAtMs: number): number {
    const key = (systemId << 8) | componentId;
    let sender = this.senders.get(key);
    let lost = 0;
    if (sender === undefined) {
      sender = new Sender(sequence);
      this.senders.set(key, sender);
    } else {
      lost = (sequence - sender.lastSequence - 1) & 0xff;
      sender.lastSequence = sequence;
    }
    sender.packets++;
    sender.bytes += frameBytes;
    sender.lostPackets += lost;
    sender.lastPacketAtMs = receivedAtMs;
    return lost;
  }

  /** A snapshot of each sender's counters, keyed `${systemId}:${componentId}` (fresh objects). */
  toMap(): Map<string, Readonly<LinkStatistics>> {
    const result = new Map<string, Readonly<LinkStatistics>>();
    for (const [key, sender] of this.senders) {
      result.set(`${key >> 8}:${key & 0xff}`, {
        packets: sender.packets, bytes: sender.bytes, badCrc: 0, unknownMessages: 0, lostPackets: sender.lostPackets, lastPacketAtMs: sender.lastPacketAtMs,
      });
    }
    return result;
  }
}
