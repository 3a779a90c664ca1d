/** The public view of a MAVLink link and its counts, per link and per remote address. */
import type { LinkStatistics, MavlinkLink } from '../../protocol/index.ts';
import type { LinkView } from '../contracts/index.ts';

function counts(statistics: Readonly<LinkStatistics>): LinkView['statistics'] {
  const { packets, bytes, badCrc, unknownMessages, lostPackets, lastPacketAtMs } = statistics;
  return { packets, bytes, badCrc, unknownMessages, lostPackets, lastPacketAtMs };
}

export function describeLink(link: MavlinkLink): LinkView {
  return {
    id: link.id,
    kind: link.kind,
    statistics: counts(link.statistics),
    remotes: [...link.remotes].map(([remote, statistics]) => ({ remote, ...counts(statistics) })),
    droppedSends: link.droppedSends,
  };
}
