/**
 * Several flights of one corridor replayed together ('#flights/replay/<id>,<id>,…'): their tracks,
 * each in its own colour, over the zones in force when the first of them started; one clock from
 * the first start to the last end, so the aircraft move as they flew relative to each other; their
 * altitude profiles on one time axis; a readout of each at the replay's moment; and a jump to any
 * of their violations. Read only, like the rest of the Flights view.
 */
import type { CorridorView, FlightView, TelemetrySampleView, ViolationView } from '../server/contracts/index.ts';
import { FlightProfile } from './flight-profile.ts';
import { createElement } from './create-element.ts';
import { FlightMap } from './flight-map.ts';
import type { FlightStudy } from './flight-page.ts';
import { buildStudyLayout } from './flight-study-layout.ts';
import { ReplayClock } from './replay-clock.ts';
import { showReplayControls } from './replay-controls.ts';
import { positionAt } from './replay-position.ts';
import type { ReviewApi } from './review-api.ts';
import { formatNumber, formatUtc } from './review-format.ts';

/** Identity colours of the flights, in the order they were picked (distinct from the zone and status colours). */
const FLIGHT_COLOURS = ['#38bdf8', '#f472b6', '#facc15', '#a3e635', '#c084fc', '#fb923c', '#2dd4bf', '#e2e8f0'];

interface ReplayedFlight {
  flight: FlightView;
  samples: TelemetrySampleView[];
  violations: ViolationView[];
  colour: string;
}

const MESSAGES = {
  tooFew: 'Replay together needs two or more flights.',
  corridors: 'Replay together needs flights of one corridor: these are of several.',
} as const;

function readoutOf(flights: readonly ReplayedFlight[], timeMs: number): HTMLElement[] {
  return flights.map(({ flight, samples, colour }) => {
    const position = positionAt(samples, timeMs);
    const swatch = createElement('span', { className: 'legend-swatch' });
    swatch.style.background = colour;
    const state = position === null ? 'not yet flying' : timeMs > (flight.endedAtMs ?? Infinity) ? 'flight ended'
      : `${formatNumber(position.altitudeRelativeM, 'm')} above home, ${formatNumber(position.groundSpeedMps, 'm/s', 1)}, ${position.fenceStatus}`;
    return createElement('li', { data: { flightId: flight.id, fenceStatus: position?.fenceStatus ?? 'none' } }, [
      swatch, createElement('a', { text: flight.callsign, attrs: { href: `#flights/${flight.id}` } }),
      createElement('span', { className: 'replay-partner', text: flight.organisationName ?? 'unregistered' }),
      createElement('span', { className: 'replay-state', text: state }),
    ]);
  });
}

/** Load `flightIds` (two or more, one corridor) and build their joint replay into `host`; throws an Error naming what is wrong. */
export async function startReplayPage(host: HTMLElement, api: ReviewApi, flightIds: readonly string[], corridors: readonly CorridorView[]): Promise<FlightStudy> {
  if (flightIds.length < 2) throw new Error(MESSAGES.tooFew);
  const flights: ReplayedFlight[] = await Promise.all(flightIds.map(async (flightId, index) => {
    const [flight, samples, violations] = await Promise.all([api.flight(flightId), api.telemetry(flightId), api.violations(flightId)]);
    return { flight, samples, violations, colour: FLIGHT_COLOURS[index % FLIGHT_COLOURS.length]! };
  }));
  const corridorIds = new Set(flights.map(({ flight }) => flight.corridorId));
  if (corridorIds.size !== 1) throw new Error(MESSAGES.corridors);
  const corridor = corridors.find((candidate) => corridorIds.has(candidate.id)) ?? null;
  const startMs = Math.min(...flights.map(({ flight }) => flight.startedAtMs));
  const endMs = Math.max(startMs + 1000, ...flights.map(({ flight, samples }) => Math.max(flight.endedAtMs ?? 0, samples.at(-1)?.recordedAtMs ?? 0)));
  const zones = corridor ? await api.zonesAt(corridor.id, startMs) : [];
  const violations = flights.flatMap(({ flight, violations: own }) => own.map((violation) => ({ violation, callsign: flight.callsign })))
    .sort((a, b) => a.violation.startedAtMs - b.violation.startedAtMs);

  const layout = buildStudyLayout(host, `${flights.length} flights replayed together — ${corridor?.name ?? ''}, from ${formatUtc(startMs)}`, [
    ['replay-flights', 'Flights'], ['replay-violations', `Violations (${violations.length})`],
  ]);
  host.dataset.flightIds = flightIds.join(',');
  layout.tools.replaceChildren(createElement('span', { className: 'study-note', text: `Zones as in force at ${formatUtc(startMs)}; each flight in its own colour.` }));
  const map = new FlightMap(layout.map);
  map.showZones(corridor, zones);
  map.showTracks(flights.map(({ flight, samples, colour }) => ({ id: flight.id, callsign: flight.callsign, colour, samples })));
  map.showViolations(violations.map(({ violation }) => violation), (violation) => jumpTo(violation));
  map.fit();

  const clock = new ReplayClock(startMs, endMs);
  const profile = new FlightProfile(layout.profile, (timeMs) => clock.seek(timeMs));
  profile.show(flights.map(({ samples, colour }) => ({ samples, colour })), startMs, endMs, { ceilingM: corridor?.ceilingReference === 'AGL' ? corridor.ceilingM : null, band: null }, violations.map(({ violation }) => violation));
  const jumpTo = (violation: ViolationView) => {
    clock.pause();
    clock.seek(violation.startedAtMs);
    map.focus(violation.startPosition);
    host.dataset.jumpedTo = violation.id;
  };
  const readout = createElement('ul', { className: 'replay-readout', attrs: { id: 'replay-readout' } });
  layout.panels['replay-flights']!.replaceChildren(readout);
  layout.panels['replay-violations']!.replaceChildren(createElement('ul', { className: 'plan-list' }, violations.map(({ violation, callsign }) => {
    const jump = createElement('button', { className: 'violation-jump', text: 'Jump to', attrs: { type: 'button' } });
    jump.addEventListener('click', () => jumpTo(violation));
    return createElement('li', { data: { violationId: violation.id } }, [`${callsign}: ${violation.zoneName} (${violation.limit}) at ${formatUtc(violation.startedAtMs)} `, jump]);
  })));
  const stopControls = showReplayControls(layout.replay, clock, {
    marks: violations.map(({ violation, callsign }) => ({ id: violation.id, label: `${callsign}: ${violation.zoneName}`, timeMs: violation.startedAtMs })),
    onJump: (mark) => jumpTo(violations.find(({ violation }) => violation.id === mark.id)!.violation),
  });
  const draw = (timeMs: number) => {
    profile.setCursor(timeMs);
    map.moveAircraft(flights.map(({ flight, samples, colour }) => ({ id: flight.id, callsign: flight.callsign, colour, position: positionAt(samples, timeMs) })));
    readout.replaceChildren(...readoutOf(flights, timeMs));
  };
  const stopDrawing = clock.onChange(draw);
  draw(clock.time);
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
