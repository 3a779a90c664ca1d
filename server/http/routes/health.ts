/** GET /healthz — 200 once the database is ready (the app is only served after it is). */
import { Router } from 'express';
import type { HealthView } from '../../contracts/index.ts';
import { allow } from '../access.ts';

export function healthRoutes(deps: { databaseKind: HealthView['database']; startedAtMs: number; clock: () => number }): Router {
  const router = Router();
  router.get('/healthz', allow('public'), (_request, response) => {
    const body: HealthView = { status: 'ok', database: deps.databaseKind, uptimeS: Math.round((deps.clock() - deps.startedAtMs) / 1000) };
    response.json(body);
  });
  return router;
}
