import type { LinkStatistics } from './link-statistics.ts';

/**
 * Link quality as ground stations show it: packets received / (received + lost from sequence gaps),
 * in percent 0–100; null before anything was received or lost. Pure.
 * Example: linkQualityPct({ packets: 95, lostPackets: 5, … }) → 95.
 */
export function linkQualityPct(statistics: Readonly<Pick<LinkStatistics, 'packets' | 'lostPackets'>>): number | null {
  const expected = statistics.packets + statistics.lostPackets;
  return expected > 0 ? (statistics.packets / expected) * 100 : null;
}
