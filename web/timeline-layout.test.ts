import { describe, expect, it } from 'vitest';
import type { TakenSlotView } from '../server/contracts/index.ts';
import { layoutTimeline, spanOf, visibleRange } from './timeline-layout.ts';

const HOUR = 3_600_000;
const day = { startsAtMs: 0, endsAtMs: 24 * HOUR };
const slot = (startH: number, endH: number): TakenSlotView => ({
  startsAtMs: startH * HOUR, endsAtMs: endH * HOUR, status: 'approved', area: { type: 'Polygon', coordinates: [] },
  isWholeCorridor: false, altitudeMinM: 0, altitudeMaxM: 120, isMine: false, bookingId: null,
});

describe('layoutTimeline', () => {
  it('places open and free windows as percentages of the day', () => {
    const layout = layoutTimeline({ openWindows: [{ startsAtMs: 6 * HOUR, endsAtMs: 18 * HOUR }], freeWindows: [{ startsAtMs: 12 * HOUR, endsAtMs: 18 * HOUR }], taken: [] }, day);
    expect(layout.open).toEqual([{ startsAtMs: 6 * HOUR, endsAtMs: 18 * HOUR, leftPct: 25, widthPct: 50 }]);
    expect(layout.free[0]).toMatchObject({ leftPct: 50, widthPct: 25 });
    expect(layout.lanes).toBe(1);
  });

  it('stacks overlapping slots in lanes and reuses a lane once it is free (touching is not overlapping)', () => {
    const layout = layoutTimeline({ openWindows: [], freeWindows: [], taken: [slot(10, 12), slot(8, 11), slot(11, 13), slot(12, 14)] }, day);
    expect(layout.slots.map((placed) => [placed.startsAtMs / HOUR, placed.lane])).toEqual([[8, 0], [10, 1], [11, 0], [12, 1]]);
    expect(layout.lanes).toBe(2);
  });

  it('clips slots reaching past the day (a seven-day booking) and drops ones outside it', () => {
    const layout = layoutTimeline({ openWindows: [], freeWindows: [], taken: [slot(-30, 30), slot(25, 26)] }, day);
    expect(layout.slots).toHaveLength(1);
    expect(layout.slots[0]).toMatchObject({ leftPct: 0, widthPct: 100, lane: 0 });
    expect(spanOf({ startsAtMs: 24 * HOUR, endsAtMs: 25 * HOUR }, day)).toBeNull();
  });

  it('draws the open hours and what is taken, an hour either side on whole hours, or the whole day when nothing is', () => {
    const open = [{ startsAtMs: 6 * HOUR + 20 * 60_000, endsAtMs: 18 * HOUR }];
    expect(visibleRange({ openWindows: open, taken: [] }, day)).toEqual({ startsAtMs: 5 * HOUR, endsAtMs: 19 * HOUR });
    expect(visibleRange({ openWindows: open, taken: [slot(19, 21)] }, day)).toEqual({ startsAtMs: 5 * HOUR, endsAtMs: 22 * HOUR });
    expect(visibleRange({ openWindows: [], taken: [slot(-30, 30)] }, day)).toEqual(day);
    expect(visibleRange({ openWindows: [], taken: [] }, day)).toEqual(day);
  });
});
