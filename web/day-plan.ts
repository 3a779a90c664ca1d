/**
 * An operator's plan of one corridor for one day: the approved and active bookings' areas drawn
 * over the corridor (active ones — flying now — highlighted), and the same bookings listed by
 * time with who holds them and their band. Requests still to decide are drawn too, as dashed
 * outlines, so an operator sees where a request would fly before approving it.
 */
import type { BookingView, CorridorView } from '../server/contracts/index.ts';
import { CorridorSketchMap } from './corridor-sketch-map.ts';
import { createElement } from './create-element.ts';
import type { Interval } from './timeline-layout.ts';
import { describeWindow } from './zoned-time.ts';

const PLANNED_STATUSES: ReadonlySet<BookingView['status']> = new Set(['requested', 'approved', 'active']);

/** Whether `booking` holds (approved, active) or asks for (requested) airspace during `day`. */
export function isInDayPlan(booking: BookingView, day: Interval): boolean {
  return PLANNED_STATUSES.has(booking.status) && booking.startsAtMs < day.endsAtMs && booking.endsAtMs > day.startsAtMs;
}

/** Flying now: the server has marked it active, or an approved slot's window has begun and not ended. */
const isActiveAt = (booking: BookingView, nowMs: number) =>
  booking.status === 'active' || (booking.status === 'approved' && booking.startsAtMs <= nowMs && nowMs < booking.endsAtMs);

export class DayPlan {
  private readonly sketch: CorridorSketchMap;
  private corridorId: string | null = null;

  constructor(mapElement: HTMLElement, private readonly list: HTMLElement) {
    this.sketch = new CorridorSketchMap(mapElement);
  }

  /** Show `corridor` on `day` (local midnight to midnight) with the plan's bookings among `bookings`. */
  show(corridor: CorridorView, bookings: readonly BookingView[], day: Interval, options: { timeZone: string; nowMs: number }): void {
    if (this.corridorId !== corridor.id) this.sketch.showCorridor(corridor);
    this.corridorId = corridor.id;
    const planned = bookings.filter((booking) => booking.corridorId === corridor.id && isInDayPlan(booking, day)).sort((a, b) => a.startsAtMs - b.startsAtMs);
    const describe = (booking: BookingView) =>
      `${booking.status === 'requested' ? 'Requested: ' : ''}${describeWindow(booking.startsAtMs, booking.endsAtMs, options.timeZone)} · ${booking.organisationName} · ${booking.aircraftCallsign ?? 'any of their aircraft'} · ` +
      `${booking.altitudeMinM}–${booking.altitudeMaxM} m ${booking.altitudeReference} · ${booking.isWholeCorridor ? 'whole corridor' : 'drawn area'}`;
    // Active last, so they are drawn on top of the rest.
    const byActivity = [...planned].sort((a, b) => Number(isActiveAt(a, options.nowMs)) - Number(isActiveAt(b, options.nowMs)));
    this.sketch.showAreas(byActivity.map((booking) => ({
      area: booking.area,
      className: `booked-area${isActiveAt(booking, options.nowMs) ? ' is-active' : ''}${booking.isWholeCorridor ? ' is-whole' : ''}${booking.status === 'requested' ? ' is-requested' : ''}`,
      label: describe(booking),
    })));
    this.list.replaceChildren(...(planned.length === 0
      ? [createElement('li', { className: 'empty', text: 'Nothing booked or requested for this day.' })]
      : planned.map((booking) => createElement('li', {
        className: `plan-item${isActiveAt(booking, options.nowMs) ? ' is-active' : ''}${booking.status === 'requested' ? ' is-requested' : ''}`,
        text: describe(booking),
        data: { bookingId: booking.id, status: booking.status, active: String(isActiveAt(booking, options.nowMs)) },
      }))));
  }

  resized(): void {
    this.sketch.resized();
  }
}
