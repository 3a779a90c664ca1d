import { describe, expect, it } from 'vitest';
import { linkQualityPct } from './link-quality.ts';
import { addLinkStatistics, createLinkStatistics } from './link-statistics.ts';

describe('linkQualityPct', () => {
  it('is received / (received + lost) in percent, null before anything was heard', () => {
    expect(linkQualityPct({ packets: 95, lostPackets: 5 })).toBe(95);
    expect(linkQualityPct({ packets: 10, lostPackets: 0 })).toBe(100);
    expect(linkQualityPct({ packets: 0, lostPackets: 3 })).toBe(0);
    expect(linkQualityPct(createLinkStatistics())).toBeNull();
  });
});

describe('addLinkStatistics', () => {
  it('adds counts and keeps the later lastPacketAtMs', () => {
    const total = createLinkStatistics();
    addLinkStatistics(total, { packets: 2, bytes: 40, badCrc: 1, unknownMessages: 0, lostPackets: 1, lastPacketAtMs: 2000 });
    addLinkStatistics(total, { packets: 1, bytes: 21, badCrc: 0, unknownMessages: 3, lostPackets: 0, lastPacketAtMs: 1000 });
    addLinkStatistics(total, createLinkStatistics());
    expect(total).toEqual({ packets: 3, bytes: 61, badCrc: 1, unknownMessages: 3, lostPackets: 1, lastPacketAtMs: 2000 });
  });
});
