/**
 * Creating and renaming corridors (admins). A new corridor's boundary and ceiling are also stored
 * as its inclusion zone, as the seeded corridors' are, so the live checks judge it at once.
 */
import type { Knex } from 'knex';
import type { AltitudeReference, CorridorView } from '../contracts/index.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { recordAudit, type AuditActor } from './audit-repository.ts';
import { listCorridors } from './corridor-repository.ts';
import { createZones } from './zone-repository.ts';

export interface NewCorridor {
  slug: string;
  name: string;
  country: string;
  timezone: string;
  ceilingM: number;
  ceilingReference: AltitudeReference;
  boundary: GeoJSON.Polygon | GeoJSON.MultiPolygon;
  boundaryMarginM: number;
  note: string | null;
}

export type CorridorChanges = Partial<Pick<NewCorridor, 'name' | 'country' | 'timezone' | 'note'>>;

const findCorridor = async (knex: Knex, id: string) => (await listCorridors(knex)).find((corridor) => corridor.id === id) ?? null;

export async function createCorridor(knex: Knex, corridor: NewCorridor, actor: AuditActor, nowMs: number): Promise<CorridorView> {
  return knex.transaction(async (trx) => {
    if (await trx('corridors').where({ slug: corridor.slug }).first('id')) throw new ConflictError(`A corridor with slug '${corridor.slug}' already exists`);
    const [row] = await trx('corridors')
      .insert({
        slug: corridor.slug, name: corridor.name, country: corridor.country, timezone: corridor.timezone, ceiling_m: corridor.ceilingM,
        ceiling_reference: corridor.ceilingReference, is_approximate: false, note: corridor.note, created_at: new Date(nowMs),
        boundary: trx.raw('ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326))', [JSON.stringify(corridor.boundary)]),
      })
      .returning('id');
    await createZones(trx, row.id, [{
      name: `${corridor.name}: boundary and ceiling`, kind: 'inclusion', restriction: 'conditional', area: { type: 'polygon', geometry: corridor.boundary },
      altitudeMinM: 0, altitudeMaxM: corridor.ceilingM, altitudeReference: corridor.ceilingReference, marginM: corridor.boundaryMarginM,
      windowStartMs: null, windowEndMs: null, isApproximate: false, note: 'The corridor itself: fly inside it and below its ceiling.',
    }], nowMs, actor);
    const created = (await findCorridor(trx, row.id))!;
    await recordAudit(trx, actor, { action: 'corridor.create', resourceType: 'corridor', resourceId: created.id, corridorIds: [created.id], after: created }, nowMs);
    return created;
  });
}

export async function updateCorridor(knex: Knex, id: string, changes: CorridorChanges, actor: AuditActor, nowMs: number): Promise<CorridorView> {
  return knex.transaction(async (trx) => {
    const before = await findCorridor(trx, id);
    if (!before) throw new NotFoundError(`No corridor '${id}'`);
    const { name, country, timezone, note } = changes;
    const columns = Object.fromEntries(Object.entries({ name, country, timezone, note }).filter(([, value]) => value !== undefined));
    if (Object.keys(columns).length > 0) await trx('corridors').where({ id }).update(columns);
    const after = (await findCorridor(trx, id))!;
    await recordAudit(trx, actor, { action: 'corridor.update', resourceType: 'corridor', resourceId: id, corridorIds: [id], before: { ...before, zones: undefined }, after: { ...after, zones: undefined } }, nowMs);
    return after;
  });
}
