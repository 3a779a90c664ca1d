/** GET /api/vehicles — live state of every vehicle heard since the server started. */
import { Router } from 'express';
import type { Page, VehicleView } from '../../contracts/index.ts';
import { NotFoundError } from '../../errors.ts';
import { parseListQuery } from '../list-query.ts';

export function vehicleRoutes(deps: { listVehicles: () => VehicleView[] }): Router {
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
  return router;
}
