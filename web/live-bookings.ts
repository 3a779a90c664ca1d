/**
 * Today's booked volumes of the shown corridor on the live map: approved slots as dashed violet
 * outlines, active ones (flying now) highlighted in cyan, each with who holds it, its band and window.
 * "Today" is the browser's local day. Loaded when the corridor changes, replaced item by item on
 * `booking:changed`, and restyled each minute as slots begin and end.
 */
import L from 'leaflet';
import type { BookingView } from '../server/contracts/index.ts';
import type { ApiClient } from './api.ts';

const DAY_MS = 24 * 60 * 60_000;
const SHOWN: ReadonlySet<BookingView['status']> = new Set(['approved', 'active']);
/** Violet and cyan: colours no zone class or aircraft state uses, so a booked volume never reads as a restriction. */
export const BOOKING_COLOURS = { approved: '#a78bfa', active: '#22d3ee' } as const;
const APPROVED_STYLE: L.PathOptions = { color: BOOKING_COLOURS.approved, weight: 2, dashArray: '6 4', fillColor: BOOKING_COLOURS.approved, fillOpacity: 0.05 };
const ACTIVE_STYLE: L.PathOptions = { color: BOOKING_COLOURS.active, weight: 2.5, fillColor: BOOKING_COLOURS.active, fillOpacity: 0.08 };
/** A whole-corridor booking covers everything: tinting it all would wash out the zones. */
const WHOLE_CORRIDOR_FILL = 0.015;

/** Flying now: marked active by the server's clock, or an approved slot whose window has begun and not ended. */
export const isActiveAt = (booking: BookingView, nowMs: number): boolean =>
  booking.status === 'active' || (booking.status === 'approved' && booking.startsAtMs <= nowMs && nowMs < booking.endsAtMs);

const clock = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** The volume's tooltip, as text: organisation names are partners' words, never HTML (Leaflet sets a string tooltip as HTML). */
function describeBooking(booking: BookingView, nowMs: number): HTMLElement {
  const element = document.createElement('span');
  element.textContent = `${booking.organisationName} · ${booking.aircraftCallsign ?? 'any of their aircraft'} · ${booking.altitudeMinM}–${booking.altitudeMaxM} m ${booking.altitudeReference} · ` +
    `${clock(booking.startsAtMs)}–${clock(booking.endsAtMs)}${isActiveAt(booking, nowMs) ? ' · active now' : ''}`;
  return element;
}

export class LiveBookings {
  private readonly layer = L.layerGroup();
  private readonly bookings = new Map<string, BookingView>();
  private corridorId: string | null = null;
  private dayStartMs = 0;

  constructor(map: L.Map, private readonly api: ApiClient) {
    this.layer.addTo(map);
  }

  /** Load and draw today's approved and active bookings of `corridorId`. */
  async show(corridorId: string, nowMs: number): Promise<void> {
    this.corridorId = corridorId;
    const start = new Date(nowMs);
    start.setHours(0, 0, 0, 0);
    this.dayStartMs = start.getTime();
    const bookings = await this.api.fetchBookings(corridorId, this.dayStartMs, this.dayStartMs + DAY_MS);
    if (this.corridorId !== corridorId) return; // switched again while loading
    this.bookings.clear();
    for (const booking of bookings) this.bookings.set(booking.id, booking);
    this.draw(nowMs);
  }

  /** A booking changed anywhere: keep it if it is today's, approved or active, in the shown corridor. */
  changed(booking: BookingView, nowMs: number): void {
    const isShown = booking.corridorId === this.corridorId && SHOWN.has(booking.status) &&
      booking.startsAtMs < this.dayStartMs + DAY_MS && booking.endsAtMs > this.dayStartMs;
    if (isShown) this.bookings.set(booking.id, booking);
    else this.bookings.delete(booking.id);
    this.draw(nowMs);
  }

  /** Restyle as slots begin and end (the server's clock marks them active only every few seconds). */
  draw(nowMs: number): void {
    this.layer.clearLayers();
    const byActivity = [...this.bookings.values()].sort((a, b) => Number(isActiveAt(a, nowMs)) - Number(isActiveAt(b, nowMs)));
    for (const booking of byActivity) {
      if (booking.endsAtMs <= nowMs) continue; // over: no longer airspace anyone holds
      const style = isActiveAt(booking, nowMs) ? ACTIVE_STYLE : APPROVED_STYLE;
      L.geoJSON(booking.area, { style: booking.isWholeCorridor ? { ...style, fillOpacity: WHOLE_CORRIDOR_FILL } : style })
        .bindTooltip(describeBooking(booking, nowMs), { className: 'zone-tooltip', sticky: true })
        .addTo(this.layer);
    }
  }

  /** How many volumes are drawn and how many of them are active (the corridor label shows it). */
  count(nowMs: number): { drawn: number; active: number } {
    const current = [...this.bookings.values()].filter((booking) => booking.endsAtMs > nowMs);
    return { drawn: current.length, active: current.filter((booking) => isActiveAt(booking, nowMs)).length };
  }
}
