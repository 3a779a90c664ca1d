/**
 * Zone history for regulators and operators: GET /api/zones/:id/flights?from=&to= (flights that
 * entered a zone), POST /api/zones/what-if (flights a proposed zone would have caught, last 30 days
 * by default). Only flights in the caller's corridors are listed.
 */
import { Router, type Response } from 'express';
import { z } from 'zod';
import { validateZone } from '../../../geofences/index.ts';
import type { ZoneHitView } from '../../contracts/index.ts';
import type { ZoneQueryPeriod, ZoneQueryVolume } from '../../db/zone-history-repository.ts';
import { NotFoundError, ValidationError } from '../../errors.ts';
import { canSee } from '../../services/access-policy.ts';
import { allow, principalOf } from '../access.ts';
import { isUuid, parseInput } from '../parse-input.ts';

export interface ZoneRouteDeps {
  clock: () => number;
  findZoneVolume: (zoneId: string) => Promise<ZoneQueryVolume | null>;
  findFlightsInVolume: (volume: ZoneQueryVolume, period: ZoneQueryPeriod) => Promise<ZoneHitView[]>;
}

const DAY_MS = 86_400_000;

/** Who may search zone history: not partners (it lists every partner's flights). */
const HISTORY_READERS = ['admin', 'operator', 'regulator'] as const;

const periodSchema = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
}).strict();

const whatIfSchema = z.object({
  geometry: z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.any()).min(1) }),
  altitudeMinM: z.number().default(0),
  altitudeMaxM: z.number(),
  altitudeReference: z.enum(['AGL', 'MSL']).default('AGL'),
  days: z.number().int().min(1).max(366).default(30),
}).strict();

export function zoneRoutes(deps: ZoneRouteDeps): Router {
  const router = Router();
  const visibleHits = (response: Response, hits: ZoneHitView[]) => {
    const principal = principalOf(response);
    return hits.filter((hit) => canSee(principal, { corridorId: hit.corridorId, organisationId: null }));
  };
  router.get('/zones/:id/flights', allow(HISTORY_READERS), async (request, response) => {
    const { from, to } = parseInput(periodSchema, request.query, 'Query parameter');
    const period = { fromMs: from ? Date.parse(from) : 0, toMs: to ? Date.parse(to) : deps.clock() + 1 };
    if (period.fromMs >= period.toMs) throw new ValidationError(`'from' must be before 'to'`);
    const volume = isUuid(request.params.id) ? await deps.findZoneVolume(request.params.id) : null;
    if (!volume) throw new NotFoundError(`No zone '${request.params.id}'`);
    response.json({ items: visibleHits(response, await deps.findFlightsInVolume(volume, period)), nextCursor: null });
  });
  router.post('/zones/what-if', allow(HISTORY_READERS), async (request, response) => {
    const body = parseInput(whatIfSchema, request.body, 'Body field');
    const volume: ZoneQueryVolume = {
      geometry: body.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon,
      altitudeMinM: body.altitudeMinM,
      altitudeMaxM: body.altitudeMaxM,
      altitudeReference: body.altitudeReference,
    };
    try {
      validateZone({
        id: 'proposed', name: 'proposed zone', kind: 'exclusion', restriction: 'prohibited', marginM: 0,
        shape: { type: 'polygon', polygon: volume.geometry }, band: { minM: volume.altitudeMinM, maxM: volume.altitudeMaxM, reference: volume.altitudeReference },
      });
    } catch (error) {
      throw new ValidationError(`Proposed zone rejected: ${(error as Error).message}`);
    }
    const toMs = deps.clock() + 1;
    response.json({ items: visibleHits(response, await deps.findFlightsInVolume(volume, { fromMs: toMs - body.days * DAY_MS, toMs })), nextCursor: null });
  });
  return router;
}
