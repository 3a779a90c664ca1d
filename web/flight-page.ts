/**
 * One flight under review ('#flights/<id>'): its track over the zones as they were in force when
 * it started, coloured by altitude or conformance; its replay with the altitude profile; the
 * facts, booking and conformance; the violations with their evidence and a jump to each; the seal
 * with Verify; and the exports. Everything is read with GETs: nothing here changes anything.
 */
import type { BookingView, CorridorView, GrantView, TelemetrySampleView, ViolationView } from '../server/contracts/index.ts';
import { FlightProfile, type ProfileLimits } from './flight-profile.ts';
import { bookingConformance } from './flight-booking-conformance.ts';
import { showColouringToggle } from './flight-colouring-toggle.ts';
import { showFlightExports } from './flight-exports.ts';
import { FlightMap } from './flight-map.ts';
import { FENCE_COLOURS } from './flight-track-style.ts';
import { buildStudyLayout } from './flight-study-layout.ts';
import { showFlightSummary } from './flight-summary.ts';
import { canVerifyCorridor, showFlightVerify } from './flight-verify.ts';
import { ReplayClock } from './replay-clock.ts';
import { showReplayControls } from './replay-controls.ts';
import { positionAt } from './replay-position.ts';
import type { ReviewApi } from './review-api.ts';
import { formatUtc } from './review-format.ts';
import { showFlightViolations } from './flight-violations.ts';

/** A running study: stop it when it is left; resized when the view is shown again. */
export interface FlightStudy {
  resized(): void;
  stop(): void;
}

/** The ceiling the altitude colours run up to when a flight is outside every corridor (the usual 120 m / 400 ft rule). */
const DEFAULT_CEILING_M = 120;

/** The aircraft's home height above sea level: what its relative altitude is measured from. */
const homeMslOf = (samples: readonly TelemetrySampleView[]) => (samples[0] ? samples[0].altitudeMslM - samples[0].altitudeRelativeM : 0);

/** The corridor ceiling and booked band as metres above the aircraft's home (an MSL limit moved by the home's height). */
function limitsOf(corridor: CorridorView | null, booking: BookingView | null, homeMslM: number): ProfileLimits {
  const aboveHome = (metres: number, reference: 'AGL' | 'MSL') => (reference === 'MSL' ? metres - homeMslM : metres);
  return {
    ceilingM: corridor ? aboveHome(corridor.ceilingM, corridor.ceilingReference) : null,
    band: booking ? { minM: aboveHome(booking.altitudeMinM, booking.altitudeReference), maxM: aboveHome(booking.altitudeMaxM, booking.altitudeReference) } : null,
  };
}

/** Load flight `flightId` and build its study into `host`; throws the server's refusal (404 when not visible). */
export async function startFlightPage(host: HTMLElement, api: ReviewApi, flightId: string, context: { corridors: readonly CorridorView[]; grants: readonly GrantView[] }): Promise<FlightStudy> {
  const { corridors, grants } = context;
  const [flight, samples, violations] = await Promise.all([api.flight(flightId), api.telemetry(flightId), api.violations(flightId)]);
  const corridor = corridors.find((candidate) => candidate.id === flight.corridorId) ?? null;
  const [zones, booking] = await Promise.all([
    corridor ? api.zonesAt(corridor.id, flight.startedAtMs) : Promise.resolve([]),
    flight.bookingId ? api.booking(flight.bookingId) : Promise.resolve(null),
  ]);
  const limits = limitsOf(corridor, booking, homeMslOf(samples));
  const endMs = Math.max(flight.endedAtMs ?? 0, samples.at(-1)?.recordedAtMs ?? 0, flight.startedAtMs + 1000);

  const layout = buildStudyLayout(host, `${flight.callsign} — ${formatUtc(flight.startedAtMs)}`, [
    ['flight-summary', 'Flight'], ['violation-list', `Violations (${violations.length})`], ['flight-verify', 'Tamper evidence'], ['flight-exports', 'Exports'],
  ]);
  host.dataset.flightId = flight.id;
  const map = new FlightMap(layout.map);
  map.showZones(corridor, zones);
  const ceilingM = limits.ceilingM ?? DEFAULT_CEILING_M;
  showColouringToggle(layout.tools, ceilingM, (colouring) => map.showTrack(samples, colouring, ceilingM));
  map.fit();

  const clock = new ReplayClock(flight.startedAtMs, endMs);
  const profile = new FlightProfile(layout.profile, (timeMs) => clock.seek(timeMs));
  profile.show([{ samples }], flight.startedAtMs, endMs, limits, violations);
  const jumpTo = (violation: ViolationView) => {
    clock.pause();
    clock.seek(violation.startedAtMs);
    map.focus(violation.startPosition);
    host.dataset.jumpedTo = violation.id;
  };
  map.showViolations(violations, jumpTo);
  const stopControls = showReplayControls(layout.replay, clock, {
    marks: violations.map((violation) => ({ id: violation.id, label: `${violation.zoneName} (${violation.limit})`, timeMs: violation.startedAtMs })),
    onJump: (mark) => jumpTo(violations.find((violation) => violation.id === mark.id)!),
  });
  const draw = (timeMs: number) => {
    profile.setCursor(timeMs);
    const position = positionAt(samples, timeMs);
    // One flight: the aircraft takes the colour of its fence status at that moment, as on the live map.
    map.moveAircraft([{ id: flight.id, callsign: flight.callsign, colour: position ? FENCE_COLOURS[position.fenceStatus] : '#f8fafc', position }]);
  };
  const stopDrawing = clock.onChange(draw);
  draw(clock.time);

  const conformance = booking ? bookingConformance(samples, booking) : null;
  showFlightSummary(layout.panels['flight-summary']!, { flight, corridor, booking, conformance, samples, violations });
  showFlightViolations(layout.panels['violation-list']!, violations, jumpTo, (zoneId) => zones.find((zone) => zone.id === zoneId)?.kind ?? null);
  showFlightVerify(layout.panels['flight-verify']!, api, flight, canVerifyCorridor(grants, flight.corridorId));
  showFlightExports(layout.panels['flight-exports']!, flight.id);
  host.dataset.ready = 'true';
  return {
    resized: () => map.resized(),
    stop() {
      clock.pause();
      stopControls();
      stopDrawing();
      map.remove();
    },
  };
}
