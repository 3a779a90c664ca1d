/** Link-health counters for one byte stream, one sender or one link (totals); counts are since start. */
export interface LinkStatistics {
  /** Frames decoded with a good CRC. */
  packets: number;
  /** Bytes received, garbage included (per sender: the bytes of its good frames). */
  bytes: number;
  /** Well-framed MAVLink frames whose CRC did not match (dropped). */
  badCrc: number;
  /** Well-framed frames of a message id the registry does not know (dropped: their CRC cannot be checked). */
  unknownMessages: number;
  /** Packets missing from sequence-number gaps, per sender (system id, component id), as pymavlink counts them. */
  lostPackets: number;
  /** When the last good frame arrived (ms since the Unix epoch, the decoder's clock); null before the first. */
  lastPacketAtMs: number | null;
}

/** A zeroed LinkStatistics object. */
export function createLinkStatistics(): LinkStatistics {
  return { packets: 0, bytes: 0, badCrc: 0, unknownMessages: 0, lostPackets: 0, lastPacketAtMs: null };
}

/** Adds `source` into `target` (mutates and returns `target`; lastPacketAtMs takes the later); used for link totals. */
export function addLinkStatistics(target: LinkStatistics, source: Readonly<LinkStatistics>): LinkStatistics {
  target.packets += source.packets;
  target.bytes += source.bytes;
  target.badCrc += source.badCrc;
  target.unknownMessages += source.unknownMessages;
  target.lostPackets += source.lostPackets;
  if (source.lastPacketAtMs !== null && (target.lastPacketAtMs === null || source.lastPacketAtMs > target.lastPacketAtMs)) {
    target.lastPacketAtMs = source.lastPacketAtMs;
  }
  return target;
}
