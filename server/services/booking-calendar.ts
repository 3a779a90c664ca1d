/**
 * Bookings as an iCalendar feed (RFC 5545, written by ical-generator) that a partner's calendar
 * subscribes to: one event per booking, in UTC, confirmed once approved, tentative while requested,
 * cancelled when cancelled or rejected. SEQUENCE follows the last change so calendars update.
 */
import ical, { ICalEventStatus } from 'ical-generator';
import type { BookingView, CorridorView } from '../contracts/index.ts';

const STATUS: Record<BookingView['status'], ICalEventStatus> = {
  requested: ICalEventStatus.TENTATIVE,
  approved: ICalEventStatus.CONFIRMED,
  active: ICalEventStatus.CONFIRMED,
  completed: ICalEventStatus.CONFIRMED,
  rejected: ICalEventStatus.CANCELLED,
  cancelled: ICalEventStatus.CANCELLED,
};

/** The .ics text of `bookings`; `host` names the server in each event's UID. */
export function bookingsToIcs(bookings: readonly BookingView[], corridors: readonly CorridorView[], options: { name: string; host: string; nowMs: number }): string {
  const calendar = ical({ name: options.name, prodId: { company: 'corridor-flight-ops', product: 'bookings', language: 'EN' }, ttl: 15 * 60 });
  for (const booking of bookings) {
    const corridor = corridors.find((item) => item.id === booking.corridorId);
    const corridorName = corridor?.name ?? booking.corridorId;
    const what = booking.aircraftCallsign ?? `any ${booking.organisationName} aircraft`;
    calendar.createEvent({
      id: `${booking.id}@${options.host}`,
      start: new Date(booking.startsAtMs),
      end: new Date(booking.endsAtMs),
      stamp: new Date(options.nowMs),
      sequence: Math.floor((booking.decidedAtMs ?? booking.requestedAtMs) / 1000) % 2_000_000_000,
      summary: `${corridorName}: ${what} (${booking.status})`,
      location: `${corridorName}${corridor ? `, ${corridor.country}` : ''}`,
      status: STATUS[booking.status],
      description: [
        `Status: ${booking.status}${booking.decisionReason ? ` (${booking.decisionReason})` : ''}`,
        `Area: ${booking.isWholeCorridor ? 'the whole corridor' : 'a drawn area inside the corridor'}`,
        `Altitude: ${booking.altitudeMinM}–${booking.altitudeMaxM} m ${booking.altitudeReference}`,
        `Purpose: ${booking.purpose ?? '—'}`,
        `Pilot in command: ${booking.pilotInCommand ?? '—'}`,
      ].join('\n'),
    });
  }
  return calendar.toString();
}
