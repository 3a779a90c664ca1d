/**
 * GET /api/vehicles — live state of every vehicle heard since the server started;
 * POST /api/vehicles/:id/commands — RTL, LAND, LOITER, BRAKE; GET /api/links — link counts.
 */
import { Router } from 'express';
import { z } from 'zod';
import type { CommandResultView, LinkView, OperatorCommandName, Page, VehicleView } from '../../contracts/index.ts';
import { NotFoundError } from '../../errors.ts';
import { parseListQuery } from '../list-query.ts';
import { parseInput } from '../parse-input.ts';

export interface VehicleRouteDeps {
  listVehicles: () => VehicleView[];
  sendCommand: (vehicleId: string, command: OperatorCommandName) => Promise<CommandResultView>;
  listLinks: () => LinkView[];
}

const commandSchema = z.object({ command: z.enum(['rtl', 'land', 'loiter', 'brake']) }).strict();

export function vehicleRoutes(deps: VehicleRouteDeps): Router {
  const router = Router();
  router.get('/vehicles', (request, response) => {
    const { limit, cursor } = parseListQuery(request.query);
    const vehicles = deps.listVehicles().sort((a, b) => a.id.localeCompare(b.id));
    const start = cursor ? vehicles.findIndex((vehicle) => vehicle.id > cursor) : 0;
    const items = start < 0 ? [] : vehicles.slice(start, start + limit);
    const hasMore = start >= 0 && start + limit < vehicles.length;
    const body: Page<VehicleView> = { items, nextCursor: hasMore ? items[items.length - 1]!.id : null };
    response.json(body);
  });
  router.get('/vehicles/:id', (request, response) => {
    const vehicle = deps.listVehicles().find((item) => item.id === request.params.id);
    if (!vehicle) throw new NotFoundError(`No vehicle '${request.params.id}'`);
    response.json(vehicle);
  });
  // Sends the command and answers with the aircraft's COMMAND_ACK (result and time).
  router.post('/vehicles/:id/commands', async (request, response) => {
    const { command } = parseInput(commandSchema, request.body, 'Body field');
    response.json(await deps.sendCommand(request.params.id, command));
  });
  router.get('/links', (_request, response) => {
    const body: Page<LinkView> = { items: deps.listLinks(), nextCursor: null };
    response.json(body);
  });
  return router;
}
