/**
 * The Express application: security headers, body limits, who is calling (authenticate), the API
 * routes under /api — each stating who may call it (allow) — /healthz, and the built web pages.
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { HealthView } from '../contracts/index.ts';
import type { Authenticator } from '../services/authenticator.ts';
import { allow } from './access.ts';
import { authenticate } from './authenticate.ts';
import { apiNotFound, createErrorHandler } from './error-handler.ts';
import { openApiDocument } from './openapi.ts';
import { accountRoutes, type AccountRouteDeps } from './routes/accounts.ts';
import { aircraftRoutes, type AircraftRouteDeps } from './routes/aircraft.ts';
import { bookingRoutes, type BookingRouteDeps } from './routes/bookings.ts';
import { webhookRoutes, type WebhookRouteDeps } from './routes/webhooks.ts';
import { alertRoutes, type AlertRouteDeps } from './routes/alerts.ts';
import { apiTokenRoutes } from './routes/api-tokens.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes, type AuthRouteDeps } from './routes/auth.ts';
import { corridorRoutes, type CorridorRouteDeps } from './routes/corridors.ts';
import { flightRoutes, type FlightRouteDeps } from './routes/flights.ts';
import { flightReviewRoutes, type FlightReviewDeps } from './routes/flight-review.ts';
import { healthRoutes, type HealthRouteDeps } from './routes/health.ts';
import { metricsRoutes, type MetricsRouteDeps } from './routes/metrics.ts';
import { vehicleRoutes, type VehicleRouteDeps } from './routes/vehicles.ts';
import { zoneMaintenanceRoutes, type ZoneMaintenanceDeps } from './routes/zone-maintenance.ts';
import { zoneRoutes, type ZoneRouteDeps } from './routes/zones.ts';

export interface HttpDeps
  extends FlightRouteDeps, ZoneRouteDeps, ZoneMaintenanceDeps, VehicleRouteDeps, AlertRouteDeps, CorridorRouteDeps, AuthRouteDeps, AccountRouteDeps,
    BookingRouteDeps, AircraftRouteDeps, WebhookRouteDeps, FlightReviewDeps, MetricsRouteDeps, HealthRouteDeps {
  logger: Logger;
  clock: () => number;
  startedAtMs: number;
  databaseKind: HealthView['database'];
  webDistDir: string;
  authenticator: Authenticator;
  /** Express's `trust proxy`: which proxies' X-Forwarded-* to believe (for the client address and HTTPS). */
  trustProxy: string | boolean | number;
}

/** Largest JSON body accepted (a corridor's zones as GeoJSON fit in far less). */
const JSON_LIMIT = '1mb';

/** Build the Express app; it does not listen. */
export function createHttpApp(deps: HttpDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy);
  app.use(helmet({
    contentSecurityPolicy: {
      directives: {
        // Map tiles are an optional background from any HTTPS tile server; Leaflet positions with inline styles.
        'img-src': ["'self'", 'data:', 'blob:', 'https:'],
        'style-src': ["'self'", "'unsafe-inline'"],
        'connect-src': ["'self'", 'ws:', 'wss:'],
      },
    },
  }));
  app.use(express.json({ limit: JSON_LIMIT }));
  app.use(healthRoutes(deps));
  app.use(metricsRoutes(deps)); // GET /metrics, outside /api where Prometheus looks; admins or METRICS_TOKEN
  const api = express.Router();
  api.use(authenticate(deps.authenticator));
  api.use(authRoutes(deps));
  api.use(accountRoutes(deps));
  api.use(apiTokenRoutes(deps));
  api.use(auditRoutes(deps));
  api.use(aircraftRoutes(deps));
  api.use(bookingRoutes(deps));
  api.use(webhookRoutes(deps));
  api.use(corridorRoutes(deps));
  api.use(vehicleRoutes(deps));
  api.use(alertRoutes(deps));
  api.use(flightReviewRoutes(deps)); // before flightRoutes: its /flights/:id would take /flights/statistics
  api.use(flightRoutes(deps));
  api.use(zoneRoutes(deps));
  api.use(zoneMaintenanceRoutes(deps));
  api.get('/docs', allow('public'), (_request, response) => void response.json(openApiDocument));
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
