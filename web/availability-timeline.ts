/**
 * One corridor's day as a timeline in its local time (zoomed to the hours that matter): open hours shaded, taken slots as bars
 * (labelled with their band and "whole corridor" or "area"; the caller's own set apart, requests
 * hatched), and the free windows as a strip below — each free window a button that offers its
 * times to the booking form. A text line repeats the open and free times for people who do not
 * read bars.
 */
import type { AvailabilityView, TakenSlotView } from '../server/contracts/index.ts';
import { createElement } from './create-element.ts';
import { layoutTimeline, visibleRange, type Interval, type Span } from './timeline-layout.ts';
import { describeWindow, zonedClockOf } from './zoned-time.ts';

export interface TimelineOptions {
  timeZone: string;
  nowMs: number;
  /** A free window was pressed (its part of the day). */
  onPickFree?: (window: Interval) => void;
}

const HOUR_MS = 3_600_000;
const FIVE_MINUTES_MS = 300_000;
/** A tick every hour while the drawn range is at most this long, else every three hours. */
const HOURLY_TICKS_UP_TO_H = 16;
/** Height of one lane of slot bars, in rem (styles.css sizes the bars to fit). */
const LANE_REM = 1.7;

const place = (node: HTMLElement, span: Span) => {
  node.style.left = `${span.leftPct}%`;
  node.style.width = `${span.widthPct}%`;
  return node;
};

function slotLabel(slot: TakenSlotView): string {
  const where = slot.isWholeCorridor ? 'whole corridor' : 'area';
  return `${slot.altitudeMinM}–${slot.altitudeMaxM} m · ${where}${slot.isMine ? ' · yours' : ''}`;
}

function clockRange(interval: Interval, timeZone: string): string {
  const end = zonedClockOf(interval.endsAtMs, timeZone);
  return `${zonedClockOf(interval.startsAtMs, timeZone)}–${end === '00:00' ? '24:00' : end}`;
}

/** Hour ticks over `range`, labelled in local time (24:00 for the midnight that ends the day). */
function renderAxis(range: Interval, timeZone: string): HTMLElement {
  const axis = createElement('div', { className: 'timeline-axis', attrs: { 'aria-hidden': 'true' } });
  const hours = Math.round((range.endsAtMs - range.startsAtMs) / HOUR_MS);
  const step = hours <= HOURLY_TICKS_UP_TO_H ? 1 : 3;
  for (let hour = 0; hour <= hours; hour += step) {
    const atMs = range.startsAtMs + hour * HOUR_MS;
    const clock = zonedClockOf(atMs, timeZone);
    const tick = createElement('span', { className: 'timeline-tick', text: clock === '00:00' && hour > 0 ? '24:00' : clock });
    tick.style.left = `${(hour / hours) * 100}%`;
    axis.append(tick);
  }
  return axis;
}

/** Draw `availability` for `day` (local midnight to midnight) into `container`, replacing what is there. */
export function renderAvailabilityTimeline(container: HTMLElement, availability: AvailabilityView, day: Interval, options: TimelineOptions): void {
  const { timeZone } = options;
  const range = visibleRange(availability, day);
  const layout = layoutTimeline(availability, range);
  const axis = renderAxis(range, timeZone);

  const track = createElement('div', { className: 'timeline-track' });
  track.style.height = `${layout.lanes * LANE_REM + 0.4}rem`;
  for (const span of layout.open) track.append(place(createElement('div', { className: 'tl-open', attrs: { title: `Open ${clockRange(span, timeZone)}` } }), span));
  for (const placed of layout.slots) {
    const { slot } = placed;
    const bar = place(createElement('div', {
      className: 'tl-slot',
      text: slotLabel(slot),
      data: { status: slot.status, mine: String(slot.isMine), ...(slot.bookingId ? { bookingId: slot.bookingId } : {}) },
      attrs: { title: `${slot.status}: ${describeWindow(slot.startsAtMs, slot.endsAtMs, timeZone)} · ${slotLabel(slot)}` },
    }), placed);
    bar.style.top = `${0.2 + placed.lane * LANE_REM}rem`;
    track.append(bar);
  }
  if (options.nowMs > range.startsAtMs && options.nowMs < range.endsAtMs) {
    const now = createElement('div', { className: 'tl-now', attrs: { title: `Now ${zonedClockOf(options.nowMs, timeZone)}` } });
    now.style.left = `${((options.nowMs - range.startsAtMs) / (range.endsAtMs - range.startsAtMs)) * 100}%`;
    track.append(now);
  }

  const freeStrip = createElement('div', { className: 'timeline-free' });
  for (const span of layout.free) {
    const button = place(createElement('button', { className: 'tl-free', attrs: { type: 'button', title: `Free ${clockRange(span, timeZone)} — use these times` } }), span);
    button.addEventListener('click', () => options.onPickFree?.(span));
    freeStrip.append(button);
  }

  const describe = (spans: Span[]) => (spans.length ? spans.map((span) => clockRange(span, timeZone)).join(', ') : 'none');
  const summary = createElement('p', { className: 'timeline-summary' }, [
    createElement('span', { text: `Open: ${describe(layout.open)}` }),
    createElement('span', { className: 'timeline-free-text', text: `Free: ${describe(layout.free)}` }),
    createElement('span', { text: `Taken: ${layout.slots.length}` }),
  ]);
  const legend = createElement('p', { className: 'timeline-legend' }, [
    createElement('span', { className: 'key key-open', text: 'open' }),
    createElement('span', { className: 'key key-free', text: 'free' }),
    createElement('span', { className: 'key key-mine', text: 'yours' }),
    createElement('span', { className: 'key key-taken', text: 'taken' }),
    createElement('span', { className: 'key key-requested', text: 'requested' }),
  ]);
  container.replaceChildren(axis, track, freeStrip, summary, legend);
  container.dataset.corridorId = availability.corridorId;
  container.dataset.fromMs = String(day.startsAtMs);
}

/** What to offer the booking form for a free window: its start rounded up to 5 minutes, and at most `lengthMs` (default an hour) of it. */
export function suggestedWindow(window: Interval, lengthMs = HOUR_MS): Interval {
  const startsAtMs = Math.ceil(window.startsAtMs / FIVE_MINUTES_MS) * FIVE_MINUTES_MS;
  return { startsAtMs, endsAtMs: Math.min(window.endsAtMs, startsAtMs + lengthMs) };
}
