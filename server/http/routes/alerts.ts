/** GET /api/alerts — alerts, newest first, paged. */
import { Router } from 'express';
import type { AlertView, Page } from '../../contracts/index.ts';
import type { AlertCursor } from '../../db/alert-repository.ts';
import { parseCursor } from '../parse-input.ts';
import { parseListQuery } from '../list-query.ts';

export function alertRoutes(deps: { listAlerts: (options: { limit: number; cursor: AlertCursor | null }) => Promise<Page<AlertView>> }): Router {
  const router = Router();
  router.get('/alerts', async (request, response) => {
    const { limit, cursor } = parseListQuery(request.query);
    response.json(await deps.listAlerts({ limit, cursor: cursor ? parseCursor(cursor, ['raisedAt', 'id']) : null }));
  });
  return router;
}
