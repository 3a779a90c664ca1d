/**
 * Flights: list, one, its telemetry, its raw .tlog (each only where the caller may see the flight;
 * others answer 404 as if absent), and importing a .tlog recorded by a ground station (POST the
 * file's bytes as application/octet-stream; admins and operators any log, partners logs of their own
 * aircraft; judged by the zones and bookings of the log's time; audited).
 */
import fs from 'node:fs';
import express, { Router, type Response } from 'express';
import { z } from 'zod';
import type { FlightView, Page, TelemetrySampleView, TlogImportView } from '../../contracts/index.ts';
import type { AuditActor, AuditDraft } from '../../db/audit-repository.ts';
import type { FlightCursor, FlightFilter, FlightSort } from '../../db/flight-repository.ts';
import { flightLogOwnersFor, visibilityOf, type VisibilityScope } from '../../services/access-policy.ts';
import { actorOf, allow, principalOf } from '../access.ts';
import { flightOr404 as findFlightOr404 } from '../find-or-404.ts';
import { NotFoundError, ValidationError } from '../../errors.ts';
import { parseListQuery } from '../list-query.ts';
import { parseCursor, parseInput } from '../parse-input.ts';

export interface FlightRouteDeps {
  listFlights: (options: { limit: number; cursor: FlightCursor | { offset: string } | null; scope: VisibilityScope; filter?: FlightFilter; sort?: FlightSort }) => Promise<Page<FlightView>>;
  findFlight: (id: string) => Promise<FlightView | null>;
  listTelemetry: (flightId: string, options: { limit: number; afterId: string | null }) => Promise<Page<TelemetrySampleView>>;
  flightLogPath: (flightId: string) => string;
  /** `owners`: whose aircraft the log may hold (null → any; a partner: its organisations'). */
  importTlog: (bytes: Buffer, options: { name: string; speed: number | null; owners: readonly string[] | null }) => Promise<TlogImportView>;
  recordAudit: (actor: AuditActor, draft: AuditDraft) => Promise<void>;
}

/** Most bytes one uploaded .tlog may have (a long real flight is tens of MB). */
const MAX_TLOG_BYTES = '512mb';

const noQuery = z.object({}).strict();
const iso = z.iso.datetime({ offset: true });
const yesNo = z.enum(['true', 'false']).transform((value) => value === 'true');
/** The filters of a flight search (also used by the CSV and statistics routes). */
export const flightFilterFields = {
  corridorId: z.uuid().optional(), organisationId: z.uuid().optional(), aircraftId: z.uuid().optional(),
  from: iso.optional(), to: iso.optional(), hasViolations: yesNo.optional(), booked: yesNo.optional(),
};
const flightSearchSchema = z.object({
  ...flightFilterFields,
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().min(1).max(500).optional(),
  sort: z.enum(['newest', 'oldest', 'longest', 'most-violations']).default('newest'),
}).strict();

/** A parsed search query as the repository's filter. */
export function flightFilterOf(query: { corridorId?: string; organisationId?: string; aircraftId?: string; from?: string; to?: string; hasViolations?: boolean; booked?: boolean }): FlightFilter {
  const { from, to, ...rest } = query;
  return { ...rest, fromMs: from ? Date.parse(from) : undefined, toMs: to ? Date.parse(to) : undefined };
}

const importQuerySchema = z.object({
  name: z.string().min(1).max(200).regex(/^[\w.\- ]+$/, 'letters, digits, spaces, dot, dash and underscore only').default('upload.tlog'),
  speed: z.union([z.literal('max'), z.coerce.number().min(0.1).max(1000)]).default('max'),
});

export function flightRoutes(deps: FlightRouteDeps): Router {
  const router = Router();
  const flightOr404 = (response: Response, id: string) => findFlightOr404(deps.findFlight, response, id);

  router.get('/flights', allow('signed-in'), async (request, response) => {
    const query = parseInput(flightSearchSchema, request.query, 'Query parameter');
    const cursor = !query.cursor ? null : query.sort === 'newest' ? parseCursor(query.cursor, ['startedAt', 'id']) : parseCursor(query.cursor, ['offset']);
    response.json(await deps.listFlights({ limit: query.limit, cursor, scope: visibilityOf(principalOf(response)), filter: flightFilterOf(query), sort: query.sort }));
  });
  router.get('/flights/:id', allow('signed-in'), async (request, response) => {
    parseInput(noQuery, request.query, 'Query parameter');
    response.json(await flightOr404(response, request.params.id));
  });
  router.get('/flights/:id/telemetry', allow('signed-in'), async (request, response) => {
    const flight = await flightOr404(response, request.params.id);
    const { limit, cursor } = parseListQuery(request.query);
    const afterId = cursor ? parseCursor(cursor, ['afterId']).afterId : null;
    response.json(await deps.listTelemetry(flight.id, { limit, afterId }));
  });
  router.get('/flights/:id/export.tlog', allow('signed-in'), async (request, response) => {
    parseInput(noQuery, request.query, 'Query parameter');
    const flight = await flightOr404(response, request.params.id);
    const file = deps.flightLogPath(flight.id);
    if (!fs.existsSync(file)) throw new NotFoundError(`Flight '${flight.id}' has no raw log`);
    if (flight.seal) response.setHeader('X-Flight-Hash', flight.seal.hash);
    response.attachment(`flight-${flight.id}.tlog`).type('application/octet-stream');
    fs.createReadStream(file).pipe(response);
  });
  // allow() before express.raw: a caller who may not import never gets to send 512 MB.
  // Partners import their own ground stations' logs (their own aircraft only); operators and admins any.
  router.post('/flights/import', allow(['admin', 'operator', 'partner']), express.raw({ type: 'application/octet-stream', limit: MAX_TLOG_BYTES }), async (request, response) => {
    if (!Buffer.isBuffer(request.body) || request.body.length === 0) {
      throw new ValidationError('Send the .tlog file as the request body with Content-Type: application/octet-stream');
    }
    const { name, speed } = parseInput(importQuerySchema, request.query, 'Query parameter');
    const result = await deps.importTlog(request.body, { name, speed: speed === 'max' ? null : speed, owners: flightLogOwnersFor(principalOf(response)) });
    if (result.statistics.packets === 0) throw new ValidationError(`'${name}' holds no MAVLink packets`, result.statistics);
    const flights = (await Promise.all(result.flightIds.map((id) => deps.findFlight(id)))).filter((flight) => flight !== null);
    await deps.recordAudit(actorOf(request, response), {
      action: 'flight.import', resourceType: 'flight-log', resourceId: result.flightIds[0] ?? null,
      corridorIds: flights.flatMap((flight) => (flight.corridorId ? [flight.corridorId] : [])),
      organisationIds: flights.flatMap((flight) => (flight.organisationId ? [flight.organisationId] : [])),
      after: { name, flightIds: result.flightIds, positions: result.positions, bytes: request.body.length },
    });
    response.status(201).json(result);
  });
  return router;
}
