/**
 * Versioned zones. Every version of a zone shares a lineage; changing a zone closes its current
 * row and inserts the next version at the same instant, in one transaction, so history keeps every
 * version a flight may have been judged against (violations point at rows, never at lineages).
 * Times are ms since the epoch from the caller's clock — the clock that stamps telemetry — and
 * geometry is GeoJSON [lon, lat]. Callers validate zones first (geofences' validateZone).
 * Every change is audited (who, before, after) in the transaction that makes it.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { ZoneVersionView } from '../contracts/index.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { recordAudit, type AuditActor } from './audit-repository.ts';
import { toZoneView, type ZoneRow } from './corridor-repository.ts';
import { areaColumns, fitAreasToCorridor, type AreaFit, type ZoneArea } from './zone-area.ts';

export type { AreaFit, ZoneArea };

const MESSAGES = {
  noZone: (id: string) => `No zone '${id}'`,
  notCurrent: (id: string, version: number, current: ZoneVersionView) =>
    `Zone '${id}' (version ${version}) is no longer current: version ${current.version} ('${current.id}') replaced it; apply the change to that version`,
  retired: (id: string, version: number, atMs: number) => `Zone '${id}' (version ${version}) was retired at ${new Date(atMs).toISOString()} and can no longer change`,
  raced: (id: string) => `Zone '${id}' was changed by someone else at the same moment; read its current version and try again`,
} as const;

/** The fields of one zone version as created or changed through the API; altitudes and margin in metres. */
export interface ZoneInput {
  name: string;
  kind: ZoneVersionView['kind'];
  restriction: ZoneVersionView['restriction'];
  area: ZoneArea;
  altitudeMinM: number;
  altitudeMaxM: number;
  altitudeReference: ZoneVersionView['altitudeReference'];
  marginM: number;
  windowStartMs: number | null;
  windowEndMs: number | null;
  isApproximate: boolean;
  note: string | null;
}

/** What a revision changes; absent fields are kept from the current version. */
export type ZoneChanges = Partial<ZoneInput>;

interface ZoneVersionRow extends ZoneRow {
  lineage_id: string;
  valid_from: Date | string;
  valid_to: Date | string | null;
}

const msOf = (time: Date | string): number => new Date(time).getTime();

function toVersionView(row: ZoneVersionRow): ZoneVersionView {
  return { ...toZoneView(row), lineageId: row.lineage_id, validFromMs: msOf(row.valid_from), validToMs: row.valid_to === null ? null : msOf(row.valid_to) };
}

function selectVersions(knex: Knex): Knex.QueryBuilder {
  return knex('zones').select(
    'id', 'corridor_id', 'lineage_id', 'name', 'kind', 'restriction', 'circle_radius_m', 'altitude_min_m', 'altitude_max_m',
    'altitude_reference', 'margin_m', 'window_start', 'window_end', 'version', 'valid_from', 'valid_to', 'is_approximate', 'note',
    knex.raw('ST_AsGeoJSON(geometry, 7) as geometry'),
    knex.raw('ST_AsGeoJSON(circle_center, 7) as circle_center'),
  );
}

function fieldColumns(zone: Omit<ZoneInput, 'area'>): Record<string, unknown> {
  return {
    name: zone.name, kind: zone.kind, restriction: zone.restriction, altitude_min_m: zone.altitudeMinM, altitude_max_m: zone.altitudeMaxM,
    altitude_reference: zone.altitudeReference, margin_m: zone.marginM, is_approximate: zone.isApproximate, note: zone.note,
    window_start: zone.windowStartMs === null ? null : new Date(zone.windowStartMs),
    window_end: zone.windowEndMs === null ? null : new Date(zone.windowEndMs),
  };
}

function fieldsOf(view: ZoneVersionView): Omit<ZoneInput, 'area'> {
  const { name, kind, restriction, altitudeMinM, altitudeMaxM, altitudeReference, marginM, windowStartMs, windowEndMs, isApproximate, note } = view;
  return { name, kind, restriction, altitudeMinM, altitudeMaxM, altitudeReference, marginM, windowStartMs, windowEndMs, isApproximate, note };
}

async function findVersion(knex: Knex, zoneId: string): Promise<ZoneVersionView | null> {
  const row = await selectVersions(knex).where({ id: zoneId }).first();
  return row ? toVersionView(row) : null;
}

/** Lock the version `zoneId` for a change; throws NotFoundError, or ConflictError naming the current version when it is not current. */
async function lockCurrent(trx: Knex.Transaction, zoneId: string): Promise<ZoneVersionView> {
  // FOR UPDATE: a concurrent change of the same version waits here, then sees it closed.
  const row = await selectVersions(trx).where({ id: zoneId }).forUpdate().first();
  if (!row) throw new NotFoundError(MESSAGES.noZone(zoneId));
  const locked = toVersionView(row);
  if (locked.validToMs === null) return locked;
  const current = await selectVersions(trx).where({ lineage_id: locked.lineageId }).whereNull('valid_to').first();
  if (!current) throw new ConflictError(MESSAGES.retired(zoneId, locked.version, locked.validToMs), { retiredAtMs: locked.validToMs });
  const view = toVersionView(current);
  throw new ConflictError(MESSAGES.notCurrent(zoneId, locked.version, view), { currentId: view.id, currentVersion: view.version });
}

/** Run a change; the unique indexes (one current version per lineage) are the last word on a race. */
async function change<T>(knex: Knex, zoneId: string, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  try {
    return await knex.transaction(work);
  } catch (error) {
    if ((error as { code?: unknown }).code === '23505') throw new ConflictError(MESSAGES.raced(zoneId));
    throw error;
  }
}

/** Store `zones` as version 1 of new zones of the corridor, all or none; returns them in order. */
export async function createZones(knex: Knex, corridorId: string, zones: readonly ZoneInput[], nowMs: number, actor: AuditActor): Promise<ZoneVersionView[]> {
  return knex.transaction(async (trx) => {
    const ids = zones.map(() => randomUUID());
    for (const [index, zone] of zones.entries()) {
      const id = ids[index]!;
      await trx('zones').insert({ id, lineage_id: id, corridor_id: corridorId, version: 1, valid_from: new Date(nowMs), ...fieldColumns(zone), ...areaColumns(trx, zone.area) });
    }
    const views: ZoneVersionView[] = (await selectVersions(trx).whereIn('id', ids)).map(toVersionView);
    const created = ids.map((id) => views.find((view) => view.id === id)!);
    for (const view of created) await recordAudit(trx, actor, { action: 'zone.create', resourceType: 'zone', resourceId: view.id, corridorIds: [corridorId], after: view }, nowMs);
    return created;
  });
}

/**
 * Replace the current version `zoneId` by version + 1 with `changes`, in force from `nowMs` (never before the
 * version it replaces). Throws NotFoundError, or ConflictError naming the current version when `zoneId` is not it.
 */
export async function reviseZone(knex: Knex, zoneId: string, changes: ZoneChanges, nowMs: number, actor: AuditActor): Promise<ZoneVersionView> {
  return change(knex, zoneId, async (trx) => {
    const current = await lockCurrent(trx, zoneId);
    const at = new Date(Math.max(nowMs, current.validFromMs));
    await trx('zones').where({ id: zoneId }).update({ valid_to: at });
    const { area, ...fields } = changes;
    // An unchanged area is copied as stored, not round-tripped through GeoJSON text.
    const areaCopy = { geometry: trx.raw('(SELECT geometry FROM zones WHERE id = ?)', [zoneId]), circle_center: trx.raw('(SELECT circle_center FROM zones WHERE id = ?)', [zoneId]), circle_radius_m: current.circle?.radiusM ?? null };
    const id = randomUUID();
    await trx('zones').insert({
      id, lineage_id: current.lineageId, corridor_id: current.corridorId, version: current.version + 1, valid_from: at,
      ...fieldColumns({ ...fieldsOf(current), ...fields }), ...(area ? areaColumns(trx, area) : areaCopy),
    });
    const revised = (await findVersion(trx, id))!;
    await recordAudit(trx, actor, { action: 'zone.revise', resourceType: 'zone', resourceId: revised.id, corridorIds: [current.corridorId], before: current, after: revised }, nowMs);
    return revised;
  });
}

/** Take the current version `zoneId` out of force from `nowMs`, with no successor; same errors as reviseZone. */
export async function retireZone(knex: Knex, zoneId: string, nowMs: number, actor: AuditActor): Promise<ZoneVersionView> {
  return change(knex, zoneId, async (trx) => {
    const current = await lockCurrent(trx, zoneId);
    await trx('zones').where({ id: zoneId }).update({ valid_to: new Date(Math.max(nowMs, current.validFromMs)) });
    const retired = (await findVersion(trx, zoneId))!;
    await recordAudit(trx, actor, { action: 'zone.retire', resourceType: 'zone', resourceId: zoneId, corridorIds: [current.corridorId], before: current, after: retired }, nowMs);
    return retired;
  });
}

/** One version by its id, current or not, or null. */
export function findZoneVersion(knex: Knex, zoneId: string): Promise<ZoneVersionView | null> {
  return findVersion(knex, zoneId);
}

/** Every version of the zone that `lineageOrZoneId` names (a lineage id or any version's id), oldest first; [] when none. */
export async function listZoneVersions(knex: Knex, lineageOrZoneId: string): Promise<ZoneVersionView[]> {
  const lineage = knex.raw('coalesce((SELECT lineage_id FROM zones WHERE id = ?), ?::uuid)', [lineageOrZoneId, lineageOrZoneId]);
  return (await selectVersions(knex).where('lineage_id', lineage).orderBy('version')).map(toVersionView);
}

/** The corridor's zone versions in force at `atMs` (valid_from ≤ at < valid_to), by name. Time windows are not applied. */
export async function zonesInForceAt(knex: Knex, corridorId: string, atMs: number): Promise<ZoneVersionView[]> {
  const at = new Date(atMs);
  const rows = await selectVersions(knex)
    .where({ corridor_id: corridorId })
    .where('valid_from', '<=', at)
    .where((query) => void query.whereNull('valid_to').orWhere('valid_to', '>', at))
    .orderBy(['name', 'id']);
  return rows.map(toVersionView);
}

/** The corridor's current zone versions, by name. */
export async function currentZones(knex: Knex, corridorId: string): Promise<ZoneVersionView[]> {
  return (await selectVersions(knex).where({ corridor_id: corridorId }).whereNull('valid_to').orderBy(['name', 'id'])).map(toVersionView);
}

/** The functions above bound to one database, as the HTTP routes receive them. */
export interface ZoneRepository {
  createZones(corridorId: string, zones: readonly ZoneInput[], nowMs: number, actor: AuditActor): Promise<ZoneVersionView[]>;
  reviseZone(zoneId: string, changes: ZoneChanges, nowMs: number, actor: AuditActor): Promise<ZoneVersionView>;
  retireZone(zoneId: string, nowMs: number, actor: AuditActor): Promise<ZoneVersionView>;
  findZoneVersion(zoneId: string): Promise<ZoneVersionView | null>;
  listZoneVersions(lineageOrZoneId: string): Promise<ZoneVersionView[]>;
  zonesInForceAt(corridorId: string, atMs: number): Promise<ZoneVersionView[]>;
  currentZones(corridorId: string): Promise<ZoneVersionView[]>;
  fitAreasToCorridor(corridorId: string, areas: readonly ZoneArea[]): Promise<AreaFit[]>;
}

/** A ZoneRepository on `knex`. */
export function createZoneRepository(knex: Knex): ZoneRepository {
  return {
    createZones: (corridorId, zones, nowMs, actor) => createZones(knex, corridorId, zones, nowMs, actor),
    reviseZone: (zoneId, changes, nowMs, actor) => reviseZone(knex, zoneId, changes, nowMs, actor),
    retireZone: (zoneId, nowMs, actor) => retireZone(knex, zoneId, nowMs, actor),
    findZoneVersion: (zoneId) => findZoneVersion(knex, zoneId),
    listZoneVersions: (lineageOrZoneId) => listZoneVersions(knex, lineageOrZoneId),
    zonesInForceAt: (corridorId, atMs) => zonesInForceAt(knex, corridorId, atMs),
    currentZones: (corridorId) => currentZones(knex, corridorId),
    fitAreasToCorridor: (corridorId, areas) => fitAreasToCorridor(knex, corridorId, areas),
  };
}
