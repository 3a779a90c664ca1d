/**
 * Corridors: GET /api/corridors (with their current zones, GeoJSON [lon, lat]) and one corridor — the
 * corridors' geography is shown to everyone signed in (partners book in it); POST and PATCH by admins.
 * A corridor's zones on their own (now or at a past time) are served by zone-maintenance.ts.
 */
import { Router } from 'express';
import { z } from 'zod';
import type { CorridorView, Page } from '../../contracts/index.ts';
import type { AuditActor } from '../../db/audit-repository.ts';
import type { CorridorChanges, NewCorridor } from '../../db/corridor-registry.ts';
import { ValidationError } from '../../errors.ts';
import { corridorOr404 as findCorridorOr404 } from '../find-or-404.ts';
import { actorOf, allow } from '../access.ts';
import { parseInput } from '../parse-input.ts';

export interface CorridorRouteDeps {
  listCorridors: () => Promise<CorridorView[]>;
  createCorridor: (corridor: NewCorridor, actor: AuditActor) => Promise<CorridorView>;
  updateCorridor: (id: string, changes: CorridorChanges, actor: AuditActor) => Promise<CorridorView>;
  /** Resolves once live fence checks use the stored corridors and zones. */
  onZonesChanged: () => Promise<void>;
}

const noQuery = z.object({}).strict();
const polygonal = z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.any()).min(1) });
const timezone = z.string().min(1).max(64).refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false; // not an IANA zone name: reported by the schema as the field's problem
  }
}, 'not an IANA time zone such as Africa/Blantyre');
const newCorridorSchema = z.object({
  slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case letters, digits and single dashes').max(64),
  name: z.string().min(1).max(200),
  country: z.string().min(1).max(100),
  timezone,
  ceilingM: z.number().positive().max(10_000),
  ceilingReference: z.enum(['AGL', 'MSL']).default('AGL'),
  boundary: polygonal,
  boundaryMarginM: z.number().min(0).max(10_000).default(50),
  note: z.string().max(2000).nullable().default(null),
}).strict();
const corridorChangesSchema = z.object({
  name: z.string().min(1).max(200).optional(),
  country: z.string().min(1).max(100).optional(),
  timezone: timezone.optional(),
  note: z.string().max(2000).nullable().optional(),
}).strict();

export function corridorRoutes(deps: CorridorRouteDeps): Router {
  const router = Router();
  const corridorOr404 = (idOrSlug: string) => findCorridorOr404(deps.listCorridors, idOrSlug);
  router.get('/corridors', allow('signed-in'), async (request, response) => {
    parseInput(noQuery, request.query, 'Query parameter');
    const body: Page<CorridorView> = { items: await deps.listCorridors(), nextCursor: null };
    response.json(body);
  });
  router.get('/corridors/:id', allow('signed-in'), async (request, response) => {
    parseInput(noQuery, request.query, 'Query parameter');
    response.json(await corridorOr404(request.params.id));
  });
  router.post('/corridors', allow(['admin']), async (request, response) => {
    const corridor = parseInput(newCorridorSchema, request.body, 'Body field');
    let created: CorridorView;
    try {
      created = await deps.createCorridor(corridor as NewCorridor, actorOf(request, response));
    } catch (error) {
      // PostGIS refuses malformed GeoJSON (XX000) or rings (22023): the caller's input, not a fault.
      if (['XX000', '22023'].includes((error as { code?: string }).code ?? '')) throw new ValidationError(`Body field 'boundary': ${(error as Error).message}`);
      throw error;
    }
    await deps.onZonesChanged();
    response.status(201).json(created);
  });
  router.patch('/corridors/:id', allow(['admin']), async (request, response) => {
    const changes = parseInput(corridorChangesSchema, request.body, 'Body field');
    const corridor = await corridorOr404(request.params.id);
    response.json(await deps.updateCorridor(corridor.id, changes, actorOf(request, response)));
  });
  return router;
}
