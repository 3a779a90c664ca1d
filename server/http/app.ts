/** The Express application: API routes under /api, /healthz, and the built web pages. */
import fs from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { AlertView, CorridorView, HealthView, Page } from '../contracts/index.ts';
import type { AlertCursor } from '../db/alert-repository.ts';
import { apiNotFound, createErrorHandler } from './error-handler.ts';
import { openApiDocument } from './openapi.ts';
import { alertRoutes } from './routes/alerts.ts';
import { corridorRoutes } from './routes/corridors.ts';
import { flightRoutes, type FlightRouteDeps } from './routes/flights.ts';
import { zoneRoutes, type ZoneRouteDeps } from './routes/zones.ts';
import { zoneMaintenanceRoutes, type ZoneMaintenanceDeps } from './routes/zone-maintenance.ts';
import { healthRoutes } from './routes/health.ts';
import { vehicleRoutes, type VehicleRouteDeps } from './routes/vehicles.ts';

export interface HttpDeps extends FlightRouteDeps, ZoneRouteDeps, ZoneMaintenanceDeps, VehicleRouteDeps {
  logger: Logger;
  clock: () => number;
  startedAtMs: number;
  databaseKind: HealthView['database'];
  webDistDir: string;
  listCorridors: () => Promise<CorridorView[]>;
  listAlerts: (options: { limit: number; cursor: AlertCursor | null }) => Promise<Page<AlertView>>;
}

/** Build the Express app; it does not listen. */
export function createHttpApp(deps: HttpDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '1mb' }));
  app.use(healthRoutes(deps));
  const api = express.Router();
  api.use(corridorRoutes(deps));
  api.use(vehicleRoutes(deps));
  api.use(alertRoutes(deps));
  api.use(flightRoutes(deps));
  api.use(zoneRoutes(deps));
  api.use(zoneMaintenanceRoutes(deps));
  api.get('/docs', (_request, response) => void response.json(openApiDocument));
  api.use(apiNotFound);
  app.use('/api', api);
  if (fs.existsSync(path.join(deps.webDistDir, 'index.html'))) {
    app.use(express.static(deps.webDistDir));
  } else {
    deps.logger.warn({ webDistDir: deps.webDistDir }, 'web pages not built: run `npm run build:web`');
  }
  app.use(createErrorHandler(deps.logger));
  return app;
}
