/**
 * A list of bookings (a partner's own, an operator's queue, a corridor's plan): one item per
 * booking with its status badge, window in the corridor's local time, place, band, purpose and
 * pilot, and the actions the list allows. Redrawing keeps the items of bookings that did not
 * change, so a reason being typed or a refusal being read is not wiped by a live update.
 */
import type { BookingView } from '../server/contracts/index.ts';
import { createBookingActions, type BookingAction } from './booking-actions.ts';
import { createElement } from './create-element.ts';
import { describeWindow } from './zoned-time.ts';

export interface BookingListOptions {
  corridorName: (corridorId: string) => string;
  /** The corridor's IANA time zone: windows are shown in it, as they were booked. */
  timeZoneOf: (corridorId: string) => string;
  /** Name the organisation that booked (lists of several partners' bookings). */
  showWho: boolean;
  actionsFor: (booking: BookingView) => BookingAction[];
  emptyText: string;
}

export class BookingList {
  private readonly items = new Map<string, { key: string; item: HTMLLIElement }>();

  constructor(
    private readonly list: HTMLElement,
    private readonly options: BookingListOptions,
  ) {}

  /** Show `bookings` in this order. */
  render(bookings: readonly BookingView[]): void {
    const kept = new Map<string, { key: string; item: HTMLLIElement }>();
    for (const booking of bookings) {
      const key = JSON.stringify(booking);
      const existing = this.items.get(booking.id);
      kept.set(booking.id, existing?.key === key ? existing : { key, item: this.renderItem(booking) });
    }
    this.items.clear();
    kept.forEach((entry, id) => this.items.set(id, entry));
    const empty = createElement('li', { className: 'empty', text: this.options.emptyText });
    this.list.replaceChildren(...(kept.size > 0 ? [...kept.values()].map((entry) => entry.item) : [empty]));
  }

  private renderItem(booking: BookingView): HTMLLIElement {
    const { options } = this;
    const timeZone = options.timeZoneOf(booking.corridorId);
    const who = [options.showWho ? booking.organisationName : null, booking.aircraftCallsign ?? 'any of their aircraft'].filter(Boolean).join(' · ');
    const band = `${booking.altitudeMinM}–${booking.altitudeMaxM} m ${booking.altitudeReference} · ${booking.isWholeCorridor ? 'whole corridor' : 'drawn area'}`;
    const details = [booking.purpose ? `Purpose: ${booking.purpose}` : null, booking.pilotInCommand ? `Pilot in command: ${booking.pilotInCommand}` : null].filter(Boolean).join(' · ');
    return createElement('li', { className: 'booking', data: { bookingId: booking.id, status: booking.status, corridorId: booking.corridorId } }, [
      createElement('div', { className: 'booking-head' }, [
        createElement('span', { className: 'badge', text: booking.status, data: { status: booking.status } }),
        createElement('strong', { className: 'booking-window', text: describeWindow(booking.startsAtMs, booking.endsAtMs, timeZone) }),
        createElement('span', { className: 'booking-tz', text: timeZone }),
      ]),
      createElement('div', { className: 'booking-meta', text: `${options.corridorName(booking.corridorId)} · ${who}` }),
      createElement('div', { className: 'booking-meta booking-band', text: band }),
      ...(details ? [createElement('div', { className: 'booking-meta', text: details })] : []),
      ...(booking.decisionReason ? [createElement('div', { className: 'booking-reason', text: `Reason: ${booking.decisionReason}` })] : []),
      ...createBookingActions(options.actionsFor(booking)),
    ]);
  }
}
