/**
 * GET /api/vehicles — live state of the vehicles the caller may see (heard since the server started);
 * POST /api/vehicles/:id/commands — RTL, LAND, LOITER, BRAKE, by operators of the vehicle's corridor;
 * GET /api/vehicles/trails — their last minutes of positions; GET /api/map-config — the optional tile layer;
 * GET /api/links — link counts (platform staff: admins, operators, regulators).
 */
import { Router } from 'express';
import { z } from 'zod';
import type { CommandResultView, LinkView, MapConfigView, OperatorCommandName, Page, TrailView, VehicleView } from '../../contracts/index.ts';
import type { AuditActor, AuditDraft } from '../../db/audit-repository.ts';
import { ForbiddenError, NotFoundError } from '../../errors.ts';
import { canOperate, canSee } from '../../services/access-policy.ts';
import { actorOf, allow, principalOf } from '../access.ts';
import { parseListQuery } from '../list-query.ts';
import { parseInput } from '../parse-input.ts';

export interface VehicleRouteDeps {
  listVehicles: () => VehicleView[];
  sendCommand: (vehicleId: string, command: OperatorCommandName) => Promise<CommandResultView>;
  listLinks: () => LinkView[];
  listTrails: (sinceMs: number) => Array<TrailView & { corridorId: string | null; organisationId: string | null }>;
  clock: () => number;
  recordAudit: (actor: AuditActor, draft: AuditDraft) => Promise<void>;
  mapConfig: MapConfigView;
}

const commandSchema = z.object({ command: z.enum(['rtl', 'land', 'loiter', 'brake']) }).strict();
const noQuery = z.object({}).strict();
const trailQuery = z.object({ minutes: z.coerce.number().min(0.1).max(15).default(5) }).strict();

const MESSAGES = {
  noVehicle: (id: string) => `No vehicle '${id}'`,
  notYours: (callsign: string) => `Only operators of the corridor ${callsign} is flying in may command it`,
} as const;

export function vehicleRoutes(deps: VehicleRouteDeps): Router {
  const router = Router();
  const visibleVehicles = (response: Parameters<typeof principalOf>[0]) => {
    const principal = principalOf(response);
    return deps.listVehicles().filter((vehicle) => canSee(principal, vehicle));
  };
  const vehicleOr404 = (response: Parameters<typeof principalOf>[0], id: string) => {
    const vehicle = visibleVehicles(response).find((item) => item.id === id);
    if (!vehicle) throw new NotFoundError(MESSAGES.noVehicle(id));
    return vehicle;
  };

  router.get('/vehicles', allow('signed-in'), (request, response) => {
    const { limit, cursor } = parseListQuery(request.query);
    const vehicles = visibleVehicles(response).sort((a, b) => a.id.localeCompare(b.id));
    const start = cursor ? vehicles.findIndex((vehicle) => vehicle.id > cursor) : 0;
    const items = start < 0 ? [] : vehicles.slice(start, start + limit);
    const hasMore = start >= 0 && start + limit < vehicles.length;
    const body: Page<VehicleView> = { items, nextCursor: hasMore ? items[items.length - 1]!.id : null };
    response.json(body);
  });
  // Registered before /vehicles/:id; the trails of the vehicles the caller may see, for the map after a reload.
  router.get('/vehicles/trails', allow('signed-in'), (request, response) => {
    const { minutes } = parseInput(trailQuery, request.query, 'Query parameter');
    const principal = principalOf(response);
    const items: TrailView[] = deps.listTrails(deps.clock() - minutes * 60_000)
      .filter((trail) => trail.points.length > 0 && canSee(principal, trail))
      .map(({ vehicleId, points }) => ({ vehicleId, points }));
    const body: Page<TrailView> = { items, nextCursor: null };
    response.json(body);
  });
  router.get('/vehicles/:id', allow('signed-in'), (request, response) => {
    parseInput(noQuery, request.query, 'Query parameter');
    response.json(vehicleOr404(response, request.params.id));
  });
  // Sends the command and answers with the aircraft's COMMAND_ACK (result and time); audited either way.
  router.post('/vehicles/:id/commands', allow(['operator']), async (request, response) => {
    const vehicle = vehicleOr404(response, request.params.id);
    const { command } = parseInput(commandSchema, request.body, 'Body field');
    if (!canOperate(principalOf(response), vehicle.corridorId)) throw new ForbiddenError(MESSAGES.notYours(vehicle.callsign));
    const audit = (after: unknown) => deps.recordAudit(actorOf(request, response), {
      action: 'vehicle.command', resourceType: 'vehicle', resourceId: vehicle.id,
      corridorIds: vehicle.corridorId ? [vehicle.corridorId] : [], organisationIds: vehicle.organisationId ? [vehicle.organisationId] : [], isOutsideCorridors: vehicle.corridorId === null,
      after: { callsign: vehicle.callsign, command, ...(after as object) },
    });
    try {
      const result = await deps.sendCommand(vehicle.id, command);
      await audit({ result: result.result, ackAtMs: result.ackAtMs });
      response.json(result);
    } catch (error) {
      await audit({ error: (error as Error).message });
      throw error;
    }
  });
  router.get('/map-config', allow('signed-in'), (request, response) => {
    parseInput(noQuery, request.query, 'Query parameter');
    response.json(deps.mapConfig);
  });
  router.get('/links', allow(['admin', 'operator', 'regulator']), (request, response) => {
    parseInput(noQuery, request.query, 'Query parameter');
    const body: Page<LinkView> = { items: deps.listLinks(), nextCursor: null };
    response.json(body);
  });
  return router;
}
