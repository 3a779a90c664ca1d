/**
 * The facts of one flight beside its map: who flew what, where and when, how long, how far, how
 * high and how fast (the server's figures, from the sealed records); its booking and how well it
 * kept to it; its conformance to the zones (stored positions by fence status, and violations by
 * limit). Every value goes in as text.
 */
import type { BookingView, CorridorView, FenceStatus, FlightView, TelemetrySampleView, ViolationView } from '../server/contracts/index.ts';
import { createElement } from './create-element.ts';
import type { BookingConformance } from './flight-booking-conformance.ts';
import { formatDistance, formatDuration, formatNumber, formatUtc } from './review-format.ts';

export interface FlightFacts {
  flight: FlightView;
  corridor: CorridorView | null;
  booking: BookingView | null;
  conformance: BookingConformance | null;
  samples: readonly TelemetrySampleView[];
  violations: readonly ViolationView[];
}

const FENCE_NAMES: Record<FenceStatus, string> = {
  nominal: 'nominal', approaching: 'approaching a zone', predicted: 'breach predicted', breach: 'in breach', 'outside-corridors': 'outside every corridor',
};

const percent = (part: number, whole: number) => (whole === 0 ? '—' : `${((part / whole) * 100).toFixed(1)} %`);

function facts(pairs: ReadonlyArray<[string, string, string?]>): HTMLDListElement {
  return createElement('dl', { className: 'flight-facts' }, pairs.flatMap(([term, value, field]) => [
    createElement('dt', { text: term }), createElement('dd', { text: value, ...(field ? { data: { field } } : {}) }),
  ]));
}

function bookingFacts(booking: BookingView | null, conformance: BookingConformance | null): HTMLDListElement {
  if (!booking) return facts([['Booking', 'none — the flight was not booked', 'booking']]);
  const pairs: Array<[string, string, string?]> = [
    ['Booking', `${formatUtc(booking.startsAtMs)} – ${formatUtc(booking.endsAtMs)}`, 'booking'],
    ['Booked by', booking.organisationName],
    ['Status', booking.status],
    ['Area', booking.isWholeCorridor ? 'the whole corridor' : 'a drawn area'],
    ['Band', `${booking.altitudeMinM}–${booking.altitudeMaxM} m ${booking.altitudeReference}`],
    ['Purpose', booking.purpose ?? '—'],
  ];
  if (conformance) {
    pairs.push(
      ['Kept to it', `${percent(conformance.conforming, conformance.samples)} of positions`, 'booking-conformance'],
      ['Outside area or band', `${conformance.outsideVolume} positions, up to ${formatNumber(conformance.maxHorizontalExcursionM, 'm')} out and ${formatNumber(conformance.maxVerticalExcursionM, 'm')} off the band`],
      ['Outside the window', `${conformance.outsideWindow} positions`],
    );
  }
  return facts(pairs);
}

function conformanceFacts(samples: readonly TelemetrySampleView[], violations: readonly ViolationView[]): HTMLDListElement {
  const counts = new Map<FenceStatus, number>();
  for (const sample of samples) counts.set(sample.fenceStatus, (counts.get(sample.fenceStatus) ?? 0) + 1);
  const byLimit = (limit: ViolationView['limit']) => violations.filter((violation) => violation.limit === limit).length;
  return facts([
    ['Violations', `${violations.length} (area ${byLimit('horizontal')}, ceiling ${byLimit('ceiling')}, floor ${byLimit('floor')})`, 'violations'],
    ...[...counts].map(([status, count]): [string, string] => [FENCE_NAMES[status], `${count} positions (${percent(count, samples.length)})`]),
  ]);
}

/** Replace `host`'s content with the facts of one flight. */
export function showFlightSummary(host: HTMLElement, { flight, corridor, booking, conformance, samples, violations }: FlightFacts): void {
  host.replaceChildren(
    facts([
      ['Aircraft', `${flight.callsign} (system id ${flight.systemId})`, 'aircraft'],
      ['Partner', flight.organisationName ?? 'unregistered'],
      ['Corridor', corridor?.name ?? 'outside every corridor'],
      ['Started', formatUtc(flight.startedAtMs)],
      ['Ended', flight.endedAtMs === null ? 'still in flight' : `${formatUtc(flight.endedAtMs)}${flight.endReason ? ` (${flight.endReason})` : ''}`],
      ['Duration', formatDuration(flight.durationS), 'duration'],
      ['Distance', formatDistance(flight.distanceM), 'distance'],
      ['Highest', `${formatNumber(flight.maxAltitudeRelativeM, 'm', 1)} above home`, 'max-altitude'],
      ['Fastest', formatNumber(flight.maxGroundSpeedMps, 'm/s', 1), 'max-speed'],
      ['Positions', String(flight.samples)],
      ['Recorded', flight.source === 'import' ? `imported from ${flight.sourceName ?? 'a .tlog'}` : 'live'],
    ]),
    createElement('h3', { text: 'Booking' }), bookingFacts(booking, conformance),
    createElement('h3', { text: 'Conformance to the zones' }), conformanceFacts(samples, violations),
  );
}
