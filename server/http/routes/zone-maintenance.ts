/**
 * Zone maintenance with versions (issues 4 and 6): create zones in a corridor (GeoJSON, ED-269 or
 * one zone), change one (a new version; the old one is kept, closed), retire one, list a zone's
 * versions, list a corridor's zones now or at a past time, and export them as GeoJSON. Every change
 * reaches the live fence checks before the answer is sent (`onZonesChanged`).
 */
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { CorridorView, Page, ZoneVersionView } from '../../contracts/index.ts';
import type { ZoneArea, ZoneChanges, ZoneRepository } from '../../db/zone-repository.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts';
import { canMaintainZones } from '../../services/access-policy.ts';
import { actorOf, allow, principalOf } from '../access.ts';
import { corridorOr404 } from '../find-or-404.ts';
import { isUuid } from '../parse-input.ts';
import { checkRevision, parseZoneChanges, parseZoneCreation, zonesAsGeoJson, type LabelledZoneInput } from '../zone-bodies.ts';

export interface ZoneMaintenanceDeps {
  clock: () => number;
  listCorridors: () => Promise<CorridorView[]>;
  zoneRepository: ZoneRepository;
  /**
   * Called after every stored change; resolves once live fence checks use the stored zones. When it rejects
   * (the zones could not be re-read) the change is stored but not yet live, and the answer is a 500.
   */
  onZonesChanged: () => Promise<void>;
}

const MESSAGES = {
  noZone: (id: string) => `No zone '${id}'`,
  notYours: (corridor: string) => `Only admins and operators of corridor '${corridor}' may change its zones`,
  badAt: (issue: string) => `Query parameter 'at': ${issue}`,
  outside: (corridor: string, problems: readonly string[]) =>
    `${problems.length === 1 ? 'A zone lies' : `${problems.length} zones lie`} wholly outside corridor '${corridor}', nothing stored:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
  outsideOne: (label: string, isSwapped: boolean) =>
    `${label}: does not overlap the corridor${isSwapped ? ', but would with each position\'s numbers swapped: GeoJSON positions are [lon, lat], these look like [lat, lon]' : ''}`,
} as const;

/** Who may change zones: admins and operators (of the zone's corridor, checked by `checkMaintainer`). */
const MAINTAINERS = ['admin', 'operator'] as const;

function checkMaintainer(response: Response, corridor: { id: string; name?: string }): void {
  if (!canMaintainZones(principalOf(response), corridor.id)) throw new ForbiddenError(MESSAGES.notYours(corridor.name ?? corridor.id));
}

const atSchema = z.object({ at: z.iso.datetime({ offset: true }).optional() });

const corridorOf = (deps: ZoneMaintenanceDeps, idOrSlug: string): Promise<CorridorView> => corridorOr404(deps.listCorridors, idOrSlug);

/** The zones of the request's corridor in force at `?at=` (ISO 8601 with offset), or the current ones. */
async function zonesOf(deps: ZoneMaintenanceDeps, request: Request<{ id: string }>): Promise<ZoneVersionView[]> {
  const parsed = atSchema.safeParse(request.query);
  if (!parsed.success) throw new ValidationError(MESSAGES.badAt(parsed.error.issues[0]!.message), parsed.error.issues);
  const corridor = await corridorOf(deps, request.params.id);
  const { at } = parsed.data;
  return at === undefined ? deps.zoneRepository.currentZones(corridor.id) : deps.zoneRepository.zonesInForceAt(corridor.id, Date.parse(at));
}

/** Throw a ValidationError naming every area that does not overlap the corridor at all. */
async function checkInCorridor(deps: ZoneMaintenanceDeps, corridor: CorridorView, zones: ReadonlyArray<{ label: string; area: ZoneArea }>): Promise<void> {
  const fits = await deps.zoneRepository.fitAreasToCorridor(corridor.id, zones.map((zone) => zone.area));
  const problems = zones.flatMap(({ label }, index) => (fits[index] === 'overlaps' ? [] : [MESSAGES.outsideOne(label, fits[index] === 'outside-swapped')]));
  if (problems.length > 0) throw new ValidationError(MESSAGES.outside(corridor.name, problems), { problems });
}

/** Throw a ValidationError when `changes` make the current version `current` invalid or move it out of its corridor. */
async function checkChanges(deps: ZoneMaintenanceDeps, current: ZoneVersionView, changes: ZoneChanges): Promise<void> {
  checkRevision(current, changes);
  if (!changes.area) return;
  const corridor = (await deps.listCorridors()).find((item) => item.id === current.corridorId);
  if (corridor) await checkInCorridor(deps, corridor, [{ label: changes.area.type === 'circle' ? 'circle' : 'geometry', area: changes.area }]);
}

const areasOf = (inputs: readonly LabelledZoneInput[]) => inputs.map(({ label, zone }) => ({ label, area: zone.area }));

function zoneIdOf(request: Request<{ id: string }>): string {
  if (!isUuid(request.params.id)) throw new NotFoundError(MESSAGES.noZone(request.params.id));
  return request.params.id;
}

export function zoneMaintenanceRoutes(deps: ZoneMaintenanceDeps): Router {
  const router = Router();
  const { zoneRepository: zones } = deps;

  router.get('/corridors/:id/zones', allow('signed-in'), async (request, response) => {
    const body: Page<ZoneVersionView> = { items: await zonesOf(deps, request), nextCursor: null };
    response.json(body);
  });
  router.get('/corridors/:id/zones.geojson', allow('signed-in'), async (request, response) => {
    response.type('application/geo+json').send(JSON.stringify(zonesAsGeoJson(await zonesOf(deps, request))));
  });
  router.post('/corridors/:id/zones', allow(MAINTAINERS), async (request, response) => {
    const corridor = await corridorOf(deps, request.params.id);
    checkMaintainer(response, corridor);
    const inputs = parseZoneCreation(request.body); // all checked before anything is stored
    await checkInCorridor(deps, corridor, areasOf(inputs));
    const created = await zones.createZones(corridor.id, inputs.map((input) => input.zone), deps.clock(), actorOf(request, response));
    await deps.onZonesChanged();
    const body: Page<ZoneVersionView> = { items: created, nextCursor: null };
    response.status(201).json(body);
  });

  router.put('/zones/:id', allow(MAINTAINERS), async (request, response) => {
    const id = zoneIdOf(request);
    const current = await zones.findZoneVersion(id);
    if (!current) throw new NotFoundError(MESSAGES.noZone(id));
    checkMaintainer(response, await corridorOf(deps, current.corridorId));
    const changes = parseZoneChanges(request.body);
    // A version that is no longer current is refused by reviseZone as a conflict naming the current one.
    if (current.validToMs === null) await checkChanges(deps, current, changes);
    const revised = await zones.reviseZone(id, changes, deps.clock(), actorOf(request, response));
    await deps.onZonesChanged();
    response.json(revised);
  });
  router.delete('/zones/:id', allow(MAINTAINERS), async (request, response) => {
    const id = zoneIdOf(request);
    const current = await zones.findZoneVersion(id);
    if (!current) throw new NotFoundError(MESSAGES.noZone(id));
    checkMaintainer(response, await corridorOf(deps, current.corridorId));
    await zones.retireZone(id, deps.clock(), actorOf(request, response));
    await deps.onZonesChanged();
    response.status(204).end();
  });
  router.get('/zones/:id/versions', allow('signed-in'), async (request, response) => {
    const versions = await zones.listZoneVersions(zoneIdOf(request));
    if (versions.length === 0) throw new NotFoundError(MESSAGES.noZone(request.params.id));
    const body: Page<ZoneVersionView> = { items: versions, nextCursor: null };
    response.json(body);
  });
  return router;
}
