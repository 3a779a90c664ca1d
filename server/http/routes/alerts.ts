/** GET /api/alerts — the alerts the caller may see, newest first, paged. */
import { Router } from 'express';
import type { AlertView, Page } from '../../contracts/index.ts';
import type { AlertCursor } from '../../db/alert-repository.ts';
import { visibilityOf, type VisibilityScope } from '../../services/access-policy.ts';
import { allow, principalOf } from '../access.ts';
import { parseCursor } from '../parse-input.ts';
import { parseListQuery } from '../list-query.ts';

export interface AlertRouteDeps {
  listAlerts: (options: { limit: number; cursor: AlertCursor | null; scope: VisibilityScope }) => Promise<Page<AlertView>>;
}

export function alertRoutes(deps: AlertRouteDeps): Router {
  const router = Router();
  router.get('/alerts', allow('signed-in'), async (request, response) => {
    const { limit, cursor } = parseListQuery(request.query);
    const scope = visibilityOf(principalOf(response));
    response.json(await deps.listAlerts({ limit, cursor: cursor ? parseCursor(cursor, ['raisedAt', 'id']) : null, scope }));
  });
  return router;
}
