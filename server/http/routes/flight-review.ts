/**
 * Reviewing flights (regulators first, and anyone for what they may see): flights as CSV,
 * statistics, one flight's violations with evidence, its exports (GeoJSON, CSV, KML, a printable
 * report — each with the X-Flight-Hash of its seal), and verification of a flight or a corridor's
 * whole chain of sealed flights. Mounted before flights.ts, whose /flights/:id would take these paths.
 */
import { Router, type Response } from 'express';
import { z } from 'zod';
import type { CorridorView, FlightStatisticsRow, FlightStatisticsView, FlightView, Page, TelemetrySampleView, VerificationView, ViolationView } from '../../contracts/index.ts';
import type { FlightFilter } from '../../db/flight-repository.ts';
import { NotFoundError } from '../../errors.ts';
import { canSee, visibilityOf, type VisibilityScope } from '../../services/access-policy.ts';
import { toCsv, toGeoJson, toKml, toReportHtml, type FlightEvidence } from '../../services/flight-exports.ts';
import { chainOf, type FlightSealer } from '../../services/flight-sealer.ts';
import { allow, principalOf } from '../access.ts';
import { flightOr404 as findFlightOr404 } from '../find-or-404.ts';
import { parseCursor, parseInput } from '../parse-input.ts';
import { flightFilterFields, flightFilterOf, type FlightRouteDeps } from './flights.ts';

export interface FlightReviewDeps extends Pick<FlightRouteDeps, 'listFlights' | 'findFlight' | 'listTelemetry'> {
  listCorridors: () => Promise<CorridorView[]>;
  listViolations: (flightId: string) => Promise<ViolationView[]>;
  flightStatistics: (scope: VisibilityScope, filter: FlightFilter) => Promise<FlightStatisticsView>;
  sealer: Pick<FlightSealer, 'verifyFlight' | 'verifyChain'>;
}

const filterSchema = z.object(flightFilterFields).strict();
const csvSchema = z.object({ ...flightFilterFields, sort: z.enum(['newest', 'oldest', 'longest', 'most-violations']).default('oldest') }).strict();
const noQuery = z.object({}).strict();
/** Most flights one CSV holds. */
const CSV_MAX_FLIGHTS = 10_000;

const csv = (rows: unknown[][]) => rows.map((row) => row.map((value) => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}).join(',')).join('\r\n') + '\r\n';

export function flightReviewRoutes(deps: FlightReviewDeps): Router {
  const router = Router();
  const flightOr404 = (response: Response, id: string) => findFlightOr404(deps.findFlight, response, id);
  const evidenceOf = async (flight: FlightView): Promise<FlightEvidence> => {
    const samples: TelemetrySampleView[] = [];
    let page: Page<TelemetrySampleView> | null = null;
    let afterId: string | null = null;
    do {
      page = await deps.listTelemetry(flight.id, { limit: 500, afterId });
      samples.push(...page.items);
      afterId = page.nextCursor ? parseCursor(page.nextCursor, ['afterId']).afterId : null;
    } while (afterId);
    const corridorName = (await deps.listCorridors()).find((corridor) => corridor.id === flight.corridorId)?.name ?? null;
    return { flight, corridorName, samples, violations: await deps.listViolations(flight.id) };
  };
  const sendExport = (response: Response, flight: FlightView, type: string, extension: string, body: string) => {
    if (flight.seal) response.setHeader('X-Flight-Hash', flight.seal.hash);
    response.attachment(`flight-${flight.id}.${extension}`).type(type).send(body);
  };

  router.get('/flights.csv', allow('signed-in'), async (request, response) => {
    const { sort, ...query } = parseInput(csvSchema, request.query, 'Query parameter');
    const flights = (await deps.listFlights({ limit: CSV_MAX_FLIGHTS, cursor: null, scope: visibilityOf(principalOf(response)), filter: flightFilterOf(query), sort })).items;
    const header = ['flight_id', 'callsign', 'system_id', 'organisation', 'corridor_id', 'started_at', 'ended_at', 'duration_s', 'distance_m', 'max_altitude_relative_m', 'max_ground_speed_mps', 'samples', 'violations', 'booking_id', 'source', 'seal_hash'];
    const rows = flights.map((flight) => [flight.id, flight.callsign, flight.systemId, flight.organisationName, flight.corridorId, new Date(flight.startedAtMs).toISOString(),
      flight.endedAtMs === null ? '' : new Date(flight.endedAtMs).toISOString(), flight.durationS, flight.distanceM, flight.maxAltitudeRelativeM, flight.maxGroundSpeedMps,
      flight.samples, flight.violations, flight.bookingId, flight.source, flight.seal?.hash]);
    response.attachment('flights.csv').type('text/csv').send(csv([header, ...rows]));
  });
  router.get('/flights/statistics', allow('signed-in'), async (request, response) => {
    const filter = flightFilterOf(parseInput(filterSchema, request.query, 'Query parameter'));
    response.json(await deps.flightStatistics(visibilityOf(principalOf(response)), filter));
  });
  router.get('/flights/statistics.csv', allow('signed-in'), async (request, response) => {
    const filter = flightFilterOf(parseInput(filterSchema, request.query, 'Query parameter'));
    const statistics = await deps.flightStatistics(visibilityOf(principalOf(response)), filter);
    const rows = (['byCorridor', 'byPartner', 'byMonth'] as const).flatMap((group) => statistics[group].map((row: FlightStatisticsRow) => [group.slice(2).toLowerCase(), row.key, row.label, row.flights, row.flightHours, row.distanceKm, row.violations.horizontal, row.violations.ceiling, row.violations.floor, row.violations.total]));
    response.attachment('flight-statistics.csv').type('text/csv').send(csv([['group', 'key', 'label', 'flights', 'flight_hours', 'distance_km', 'horizontal_violations', 'ceiling_violations', 'floor_violations', 'violations'], ...rows]));
  });
  router.get('/flights/:id/violations', allow('signed-in'), async (request, response) => {
    parseInput(noQuery, request.query, 'Query parameter');
    const flight = await flightOr404(response, request.params.id);
    const body: Page<ViolationView> = { items: await deps.listViolations(flight.id), nextCursor: null };
    response.json(body);
  });
  const exports = {
    'export.geojson': ['application/geo+json', 'geojson', (evidence: FlightEvidence) => JSON.stringify(toGeoJson(evidence))],
    'export.csv': ['text/csv', 'csv', toCsv],
    'export.kml': ['application/vnd.google-earth.kml+xml', 'kml', toKml],
  } as const;
  for (const [path, [type, extension, render]] of Object.entries(exports)) {
    router.get(`/flights/:id/${path}`, allow('signed-in'), async (request, response) => {
      parseInput(noQuery, request.query, 'Query parameter');
      const flight = await flightOr404(response, request.params.id);
      sendExport(response, flight, type, extension, render(await evidenceOf(flight)));
    });
  }
  router.get('/flights/:id/report', allow('signed-in'), async (request, response) => {
    parseInput(noQuery, request.query, 'Query parameter');
    const flight = await flightOr404(response, request.params.id);
    if (flight.seal) response.setHeader('X-Flight-Hash', flight.seal.hash);
    response.type('text/html').send(toReportHtml(await evidenceOf(flight)));
  });
  router.get('/flights/:id/verify', allow('signed-in'), async (request, response) => {
    parseInput(noQuery, request.query, 'Query parameter');
    const flight = await flightOr404(response, request.params.id);
    const { seal, problems, notes } = await deps.sealer.verifyFlight(flight.id);
    const body: VerificationView = { ok: problems.length === 0, flightId: flight.id, hash: seal?.hash ?? null, problems, notes };
    response.json(body);
  });
  router.get('/corridors/:id/verify', allow(['admin', 'operator', 'regulator']), async (request, response) => {
    parseInput(noQuery, request.query, 'Query parameter');
    const corridor = (await deps.listCorridors()).find((item) => item.id === request.params.id || item.slug === request.params.id);
    if (!corridor || !canSee(principalOf(response), { corridorId: corridor.id, organisationId: null })) throw new NotFoundError(`No corridor '${request.params.id}'`);
    const result = await deps.sealer.verifyChain(chainOf(corridor.id));
    const body: VerificationView = { ok: result.problems.length === 0, corridorId: corridor.id, headHash: result.headHash, flightsChecked: result.flightsChecked, problems: result.problems, notes: result.notes };
    response.json(body);
  });
  return router;
}
