/** GET /api/alerts — alerts, newest first, paged. */
import { Router } from 'express';
import type { AlertView, Page } from '../../contracts/index.ts';
import type { AlertCursor } from '../../db/alert-repository.ts';
import { decodeCursor } from '../../db/page-cursor.ts';
import { ValidationError } from '../../errors.ts';
import { parseListQuery } from '../list-query.ts';

export function alertRoutes(deps: { listAlerts: (options: { limit: number; cursor: AlertCursor | null }) => Promise<Page<AlertView>> }): Router {
  const router = Router();
  router.get('/alerts', async (request, response) => {
    const { limit, cursor } = parseListQuery(request.query);
    const decoded = cursor ? decodeCursor(cursor, ['raisedAt', 'id']) : null;
    if (cursor && !decoded) throw new ValidationError(`Query parameter 'cursor': not a cursor this server issued`);
    response.json(await deps.listAlerts({ limit, cursor: decoded }));
  });
  return router;
}
