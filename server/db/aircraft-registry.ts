/**
 * Registering partners' aircraft: MAVLink system id, callsign, model, serial number, weight class
 * and an optional MAVLink 2 signing key (32 bytes; never read back through the API). A system id
 * is unique among an organisation's aircraft in service; across organisations the bookings trigger
 * keeps one per corridor at a time. Changes are audited.
 */
import type { Knex } from 'knex';
import type { AircraftView } from '../contracts/index.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { recordAudit, type AuditActor } from './audit-repository.ts';

export interface AircraftDraft {
  organisationId: string;
  systemId: number;
  callsign: string;
  model: string;
  serialNumber: string;
  weightClass: AircraftView['weightClass'];
  signingKey: Buffer | null;
}

const toView = (row: Record<string, any>): AircraftView => ({
  id: row.id, organisationId: row.organisation_id, organisationName: row.organisation_name, systemId: row.system_id, callsign: row.callsign,
  model: row.model, serialNumber: row.serial_number, weightClass: row.weight_class, isSigned: row.signing_key !== null,
  retired: row.retired_at !== null, createdAtMs: new Date(row.created_at).getTime(),
});

const selectAircraft = (knex: Knex) => knex('aircraft').join('organisations', 'organisations.id', 'aircraft.organisation_id').select('aircraft.*', 'organisations.name as organisation_name');

/** Aircraft by organisation and system id; `organisationIds` null: every organisation's. */
export async function listRegisteredAircraft(knex: Knex, organisationIds: readonly string[] | null): Promise<AircraftView[]> {
  const query = selectAircraft(knex).orderBy(['organisations.name', 'aircraft.system_id']);
  if (organisationIds) query.whereIn('aircraft.organisation_id', organisationIds);
  return (await query).map(toView);
}

export async function findRegisteredAircraft(knex: Knex, id: string): Promise<AircraftView | null> {
  const row = await selectAircraft(knex).where('aircraft.id', id).first();
  return row ? toView(row) : null;
}

async function refuseDuplicate(trx: Knex, draft: Pick<AircraftDraft, 'organisationId' | 'systemId' | 'serialNumber'>, exceptId: string | null): Promise<void> {
  const others = trx('aircraft').whereNull('retired_at').whereNot('id', exceptId ?? '00000000-0000-0000-0000-000000000000');
  const sameSystemId = await others.clone().where({ organisation_id: draft.organisationId, system_id: draft.systemId }).first('callsign');
  if (sameSystemId) throw new ConflictError(`System id ${draft.systemId} is already ${sameSystemId.callsign}'s in your fleet`);
  const sameSerial = await others.clone().where({ serial_number: draft.serialNumber }).first('id');
  if (sameSerial) throw new ConflictError(`An aircraft with serial number '${draft.serialNumber}' is already registered`);
}

const columns = (draft: Partial<AircraftDraft>) => Object.fromEntries(Object.entries({
  organisation_id: draft.organisationId, system_id: draft.systemId, callsign: draft.callsign, model: draft.model,
  serial_number: draft.serialNumber, weight_class: draft.weightClass, signing_key: draft.signingKey,
}).filter(([, value]) => value !== undefined));

export async function registerAircraft(knex: Knex, draft: AircraftDraft, actor: AuditActor, nowMs: number): Promise<AircraftView> {
  return knex.transaction(async (trx) => {
    await refuseDuplicate(trx, draft, null);
    const [row] = await trx('aircraft').insert({ ...columns(draft), created_at: new Date(nowMs) }).returning('id');
    const created = (await findRegisteredAircraft(trx, row.id))!;
    await recordAudit(trx, actor, { action: 'aircraft.register', resourceType: 'aircraft', resourceId: created.id, organisationIds: [created.organisationId], after: created }, nowMs);
    return created;
  });
}

/** Change an aircraft (`retire: true` takes it out of service). */
export async function updateAircraft(knex: Knex, id: string, changes: Partial<Omit<AircraftDraft, 'organisationId'>> & { retire?: boolean }, actor: AuditActor, nowMs: number): Promise<AircraftView> {
  return knex.transaction(async (trx) => {
    const before = await findRegisteredAircraft(trx, id);
    if (!before) throw new NotFoundError(`No aircraft '${id}'`);
    const { retire, ...fields } = changes;
    if (!retire) await refuseDuplicate(trx, { organisationId: before.organisationId, systemId: fields.systemId ?? before.systemId, serialNumber: fields.serialNumber ?? before.serialNumber }, id);
    const update = { ...columns(fields), ...(retire ? { retired_at: new Date(nowMs) } : {}) };
    if (Object.keys(update).length > 0) await trx('aircraft').where({ id }).update(update);
    const after = (await findRegisteredAircraft(trx, id))!;
    await recordAudit(trx, actor, { action: retire ? 'aircraft.retire' : 'aircraft.update', resourceType: 'aircraft', resourceId: id, organisationIds: [after.organisationId], before, after }, nowMs);
    return after;
  });
}
