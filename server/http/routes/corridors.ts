/**
 * GET /api/corridors — corridors with their current zones (GeoJSON, [lon, lat]).
 * A corridor's zones on their own (now or at a past time) are served by zone-maintenance.ts.
 */
import { Router } from 'express';
import type { CorridorView, Page } from '../../contracts/index.ts';
import { NotFoundError } from '../../errors.ts';

export function corridorRoutes(deps: { listCorridors: () => Promise<CorridorView[]> }): Router {
  const router = Router();
  router.get('/corridors', async (_request, response) => {
    const body: Page<CorridorView> = { items: await deps.listCorridors(), nextCursor: null };
    response.json(body);
  });
  router.get('/corridors/:id', async (request, response) => {
    const corridor = (await deps.listCorridors()).find((item) => item.id === request.params.id || item.slug === request.params.id);
    if (!corridor) throw new NotFoundError(`No corridor '${request.params.id}'`);
    response.json(corridor);
  });
  return router;
}
