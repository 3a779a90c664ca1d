/** Link-health counters for one byte stream or one link (totals); every field is a count since start. */
export interface LinkStatistics {
  /** Frames decoded with a good CRC. */
  packets: number;
  /** Bytes received, garbage included. */
  bytes: number;
  /** Well-framed MAVLink frames whose CRC did not match (dropped). */
  badCrc: number;
  /** Well-framed frames of a message id the registry does not know (dropped: their CRC cannot be checked). */
  unknownMessages: number;
  /** Packets missing from sequence-number gaps, per sender (system id, component id), as pymavlink counts them. */
  lostPackets: number;
}

/** A zeroed LinkStatistics object. */
export function createLinkStatistics(): LinkStatistics {
  return { packets: 0, bytes: 0, badCrc: 0, unknownMessages: 0, lostPackets: 0 };
}

/** Adds `source` into `target` (mutates and returns `target`); used for link totals. */
export function addLinkStatistics(target: LinkStatistics, source: Readonly<LinkStatistics>): LinkStatistics {
  target.packets += source.packets;
  target.bytes += source.bytes;
  target.badCrc += source.badCrc;
  target.unknownMessages += source.unknownMessages;
  target.lostPackets += source.lostPackets;
  return target;
}
