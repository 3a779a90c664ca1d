/**
 * GET /metrics — the platform's Prometheus metrics (text exposition format). Never public: a
 * scraper sends `Authorization: Bearer <METRICS_TOKEN>` (a secret of its own, so the scraper holds
 * no account), otherwise an admin signed in with a session or an admin API token.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Router, type RequestHandler } from 'express';
import type { Authenticator } from '../../services/authenticator.ts';
import { allow, type AccessCheck } from '../access.ts';
import { authenticate } from '../authenticate.ts';

export interface MetricsRouteDeps {
  metrics: { readonly contentType: string; exposition(): Promise<string> };
  /** The scrapers' bearer secret (METRICS_TOKEN); null → admins only. */
  metricsToken: string | null;
  authenticator: Authenticator;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Whether the request carries `Bearer <token>` (compared in constant time, by digest so the length leaks nothing). */
function carriesToken(authorization: string | undefined, token: string): boolean {
  if (!authorization?.toLowerCase().startsWith('bearer ')) return false;
  return timingSafeEqual(digest(authorization.slice('bearer '.length)), digest(token));
}

/** Admins (session or API token), or the scraper's METRICS_TOKEN; the rule the access matrix reads is the admin one. */
function scraperOrAdmin(deps: MetricsRouteDeps): AccessCheck {
  const adminOnly = allow(['admin']);
  const caller = authenticate(deps.authenticator); // /metrics sits outside /api, whose router authenticates
  const check: RequestHandler = (request, response, next) => {
    const token = deps.metricsToken; // read per request: the deps may be filled in after the routes are built
    if (typeof token === 'string' && carriesToken(request.headers.authorization, token)) return next();
    void caller(request, response, (error?: unknown) => (error ? next(error) : adminOnly(request, response, next)));
  };
  return Object.assign(check, { access: adminOnly.access });
}

export function metricsRoutes(deps: MetricsRouteDeps): Router {
  const router = Router();
  router.get('/metrics', scraperOrAdmin(deps), async (_request, response, next) => {
    try {
      const text = await deps.metrics.exposition();
      response.type(deps.metrics.contentType).send(text);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
