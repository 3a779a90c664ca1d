/**
 * Flights: list, one, its telemetry, its raw .tlog, and importing a .tlog recorded by a
 * ground station (POST the file's bytes as application/octet-stream).
 */
import fs from 'node:fs';
import express, { Router } from 'express';
import { z } from 'zod';
import type { FlightView, Page, TelemetrySampleView, TlogImportView } from '../../contracts/index.ts';
import type { FlightCursor } from '../../db/flight-repository.ts';
import { NotFoundError, ValidationError } from '../../errors.ts';
import { parseListQuery } from '../list-query.ts';
import { isUuid, parseCursor, parseInput } from '../parse-input.ts';

export interface FlightRouteDeps {
  listFlights: (options: { limit: number; cursor: FlightCursor | null }) => Promise<Page<FlightView>>;
  findFlight: (id: string) => Promise<FlightView | null>;
  listTelemetry: (flightId: string, options: { limit: number; afterId: string | null }) => Promise<Page<TelemetrySampleView>>;
  flightLogPath: (flightId: string) => string;
  importTlog: (bytes: Buffer, options: { name: string; speed: number | null }) => Promise<TlogImportView>;
}

/** Most bytes one uploaded .tlog may have (a long real flight is tens of MB). */
const MAX_TLOG_BYTES = '512mb';

const importQuerySchema = z.object({
  name: z.string().min(1).max(200).regex(/^[\w.\- ]+$/, 'letters, digits, spaces, dot, dash and underscore only').default('upload.tlog'),
  speed: z.union([z.literal('max'), z.coerce.number().min(0.1).max(1000)]).default('max'),
});

export function flightRoutes(deps: FlightRouteDeps): Router {
  const router = Router();
  const flightOr404 = async (id: string) => {
    const flight = isUuid(id) ? await deps.findFlight(id) : null;
    if (!flight) throw new NotFoundError(`No flight '${id}'`);
    return flight;
  };

  router.get('/flights', async (request, response) => {
    const { limit, cursor } = parseListQuery(request.query);
    const decoded = cursor ? parseCursor(cursor, ['startedAt', 'id']) : null;
    response.json(await deps.listFlights({ limit, cursor: decoded }));
  });
  router.get('/flights/:id', async (request, response) => {
    response.json(await flightOr404(request.params.id));
  });
  router.get('/flights/:id/telemetry', async (request, response) => {
    const flight = await flightOr404(request.params.id);
    const { limit, cursor } = parseListQuery(request.query);
    const afterId = cursor ? parseCursor(cursor, ['afterId']).afterId : null;
    response.json(await deps.listTelemetry(flight.id, { limit, afterId }));
  });
  router.get('/flights/:id/export.tlog', async (request, response) => {
    const flight = await flightOr404(request.params.id);
    const file = deps.flightLogPath(flight.id);
    if (!fs.existsSync(file)) throw new NotFoundError(`Flight '${flight.id}' has no raw log`);
    response.attachment(`flight-${flight.id}.tlog`).type('application/octet-stream');
    fs.createReadStream(file).pipe(response);
  });
  router.post('/flights/import', express.raw({ type: 'application/octet-stream', limit: MAX_TLOG_BYTES }), async (request, response) => {
    if (!Buffer.isBuffer(request.body) || request.body.length === 0) {
      throw new ValidationError('Send the .tlog file as the request body with Content-Type: application/octet-stream');
    }
    const { name, speed } = parseInput(importQuerySchema, request.query, 'Query parameter');
    const result = await deps.importTlog(request.body, { name, speed: speed === 'max' ? null : speed });
    if (result.statistics.packets === 0) throw new ValidationError(`'${name}' holds no MAVLink packets`, result.statistics);
    response.status(201).json(result);
  });
  return router;
}
