/** GET /api/alerts — alerts, newest first, paged. */
import { Router } from 'express';
import type { AlertView, Page } from '../../contracts/index.ts';
import { decodeAlertCursor } from '../../db/alert-repository.ts';
import { ValidationError } from '../../errors.ts';
import { parseListQuery } from '../list-query.ts';

type AlertCursor = NonNullable<ReturnType<typeof decodeAlertCursor>>;

export function alertRoutes(deps: { listAlerts: (options: { limit: number; cursor: AlertCursor | null }) => Promise<Page<AlertView>> }): Router {
  const router = Router();
  router.get('/alerts', async (request, response) => {
    const { limit, cursor } = parseListQuery(request.query);
    const decoded = cursor ? decodeAlertCursor(cursor) : null;
    if (cursor && !decoded) throw new ValidationError(`Query parameter 'cursor': not a cursor this server issued`);
    response.json(await deps.listAlerts({ limit, cursor: decoded }));
  });
  return router;
}
