/**
 * Where things go on a one-day availability timeline: the part of the day to draw, intervals as
 * left/width percentages of it, and taken slots packed into lanes so that overlapping ones (different bands or areas) sit
 * one above the other instead of on top of each other. Pure; times are ms since the epoch.
 */
import type { TakenSlotView } from '../server/contracts/index.ts';

export interface Interval {
  startsAtMs: number;
  endsAtMs: number;
}

/** An interval clipped to the day, as percentages of the day's width. */
export interface Span extends Interval {
  leftPct: number;
  widthPct: number;
}

export interface PlacedSlot extends Span {
  slot: TakenSlotView;
  /** 0 is the top lane. */
  lane: number;
}

export interface TimelineLayout {
  open: Span[];
  free: Span[];
  slots: PlacedSlot[];
  /** How many lanes the slots need (at least 1, so an empty day still has a track). */
  lanes: number;
}

/** `interval` clipped to `range` as a Span (percentages of the range), or null when it lies outside it. */
export function spanOf(interval: Interval, range: Interval): Span | null {
  const startsAtMs = Math.max(interval.startsAtMs, range.startsAtMs);
  const endsAtMs = Math.min(interval.endsAtMs, range.endsAtMs);
  if (endsAtMs <= startsAtMs) return null;
  const rangeMs = range.endsAtMs - range.startsAtMs;
  return { startsAtMs, endsAtMs, leftPct: ((startsAtMs - range.startsAtMs) / rangeMs) * 100, widthPct: ((endsAtMs - startsAtMs) / rangeMs) * 100 };
}

const HOUR_MS = 3_600_000;

/**
 * The part of `day` worth drawing: from an hour before the first open or taken time to an hour
 * after the last, on whole hours of the day; the whole day when nothing is open or taken. Zooming
 * in like this gives a two-hour slot room for its label.
 */
export function visibleRange(availability: { openWindows: readonly Interval[]; taken: readonly Interval[] }, day: Interval): Interval {
  const spans = [...availability.openWindows, ...availability.taken].map((interval) => spanOf(interval, day)).filter((span): span is Span => span !== null);
  if (spans.length === 0) return day;
  const firstMs = Math.min(...spans.map((span) => span.startsAtMs)) - HOUR_MS;
  const lastMs = Math.max(...spans.map((span) => span.endsAtMs)) + HOUR_MS;
  return {
    startsAtMs: Math.max(day.startsAtMs, day.startsAtMs + Math.floor((firstMs - day.startsAtMs) / HOUR_MS) * HOUR_MS),
    endsAtMs: Math.min(day.endsAtMs, day.startsAtMs + Math.ceil((lastMs - day.startsAtMs) / HOUR_MS) * HOUR_MS),
  };
}

/**
 * Lay out the `range` of one day (see visibleRange): open and free windows as spans, taken slots in the first lane where they fit
 * (earliest start first, so the packing is the usual greedy interval colouring).
 * @example layoutTimeline({ openWindows: [{ startsAtMs: 6, endsAtMs: 18 }], freeWindows: [], taken: [] }, { startsAtMs: 0, endsAtMs: 24 }).open[0].leftPct // 25
 */
export function layoutTimeline(
  availability: { openWindows: readonly Interval[]; freeWindows: readonly Interval[]; taken: readonly TakenSlotView[] },
  range: Interval,
): TimelineLayout {
  const spans = (intervals: readonly Interval[]) => intervals.map((interval) => spanOf(interval, range)).filter((span): span is Span => span !== null);
  const laneEndsMs: number[] = [];
  const slots: PlacedSlot[] = [];
  for (const slot of [...availability.taken].sort((a, b) => a.startsAtMs - b.startsAtMs || a.endsAtMs - b.endsAtMs)) {
    const span = spanOf(slot, range);
    if (!span) continue;
    let lane = laneEndsMs.findIndex((endsAtMs) => endsAtMs <= slot.startsAtMs);
    if (lane === -1) lane = laneEndsMs.push(0) - 1;
    laneEndsMs[lane] = slot.endsAtMs;
    slots.push({ ...span, slot, lane });
  }
  return { open: spans(availability.openWindows), free: spans(availability.freeWindows), slots, lanes: Math.max(1, laneEndsMs.length) };
}
