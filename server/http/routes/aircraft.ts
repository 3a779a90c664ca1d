/**
 * Registered aircraft. Partners register, change and retire their organisation's and see only
 * those; admins may act for any organisation; operators and regulators read them all. A change
 * reaches the live MAVLink matching at once (`onAircraftChanged`).
 */
import { createHash } from 'node:crypto';
import { Router, type Response } from 'express';
import { z } from 'zod';
import type { AircraftView, Page } from '../../contracts/index.ts';
import type { AircraftDraft } from '../../db/aircraft-registry.ts';
import type { AuditActor } from '../../db/audit-repository.ts';
import { NotFoundError, ValidationError } from '../../errors.ts';
import { isAdmin, organisationsOf, type Principal } from '../../services/access-policy.ts';
import { actorOf, allow, principalOf } from '../access.ts';
import { isUuid, parseInput } from '../parse-input.ts';

export interface AircraftRouteDeps {
  listRegisteredAircraft: (organisationIds: readonly string[] | null) => Promise<AircraftView[]>;
  findRegisteredAircraft: (id: string) => Promise<AircraftView | null>;
  registerAircraft: (draft: AircraftDraft, actor: AuditActor) => Promise<AircraftView>;
  updateAircraft: (id: string, changes: Partial<Omit<AircraftDraft, 'organisationId'>> & { retire?: boolean }, actor: AuditActor) => Promise<AircraftView>;
  /** Resolves once live ingest matches system ids against the stored aircraft. */
  onAircraftChanged: () => Promise<void>;
}

const weightClass = z.enum(['under-250g', '250g-2kg', '2-25kg', '25-150kg', 'over-150kg']);
const fields = {
  systemId: z.number().int().min(1).max(255),
  callsign: z.string().trim().min(1).max(40),
  model: z.string().trim().min(1).max(200),
  serialNumber: z.string().trim().min(1).max(200),
  weightClass,
  // MAVLink 2 signing: the 32-byte key in hex, or MAVProxy's passphrase (key = SHA-256 of it); null removes it.
  signingKey: z.string().regex(/^[0-9a-fA-F]{64}$/, '64 hexadecimal characters (32 bytes)').nullable(),
  signingPassphrase: z.string().min(8).max(200),
};
const newAircraftSchema = z.object({ ...fields, signingKey: fields.signingKey.optional(), signingPassphrase: fields.signingPassphrase.optional(), organisationId: z.uuid().optional() }).strict();
const changesSchema = z.object(fields).partial().strict();
const listSchema = z.object({ includeRetired: z.enum(['true', 'false']).default('false') }).strict();

const MESSAGES = {
  noAircraft: (id: string) => `No aircraft '${id}'`,
  whichOrganisation: "Body field 'organisationId': say which organisation the aircraft belongs to",
  notYours: "Body field 'organisationId': not an organisation you are a partner of",
  bothKeys: "Body fields 'signingKey', 'signingPassphrase': give one or the other",
} as const;

function signingKeyOf(body: { signingKey?: string | null; signingPassphrase?: string }): Buffer | null | undefined {
  if (body.signingKey !== undefined && body.signingPassphrase !== undefined) throw new ValidationError(MESSAGES.bothKeys);
  if (body.signingPassphrase !== undefined) return createHash('sha256').update(body.signingPassphrase).digest();
  if (body.signingKey === undefined) return undefined;
  return body.signingKey === null ? null : Buffer.from(body.signingKey, 'hex');
}

const mayManage = (principal: Principal, aircraft: AircraftView) => isAdmin(principal) || organisationsOf(principal).includes(aircraft.organisationId);
const isStaff = (principal: Principal) => principal.grants.some((grant) => grant.role !== 'partner');

export function aircraftRoutes(deps: AircraftRouteDeps): Router {
  const router = Router();
  const visibleOr404 = async (response: Response, id: string) => {
    const principal = principalOf(response);
    const aircraft = isUuid(id) ? await deps.findRegisteredAircraft(id) : null;
    if (!aircraft || !(isStaff(principal) || mayManage(principal, aircraft))) throw new NotFoundError(MESSAGES.noAircraft(id));
    return aircraft;
  };
  const manageableOr404 = async (response: Response, id: string) => {
    const aircraft = await visibleOr404(response, id);
    if (!mayManage(principalOf(response), aircraft)) throw new NotFoundError(MESSAGES.noAircraft(id));
    return aircraft;
  };

  router.get('/aircraft', allow('signed-in'), async (request, response) => {
    const { includeRetired } = parseInput(listSchema, request.query, 'Query parameter');
    const principal = principalOf(response);
    const all = await deps.listRegisteredAircraft(isStaff(principal) ? null : organisationsOf(principal));
    const body: Page<AircraftView> = { items: all.filter((aircraft) => includeRetired === 'true' || !aircraft.retired), nextCursor: null };
    response.json(body);
  });
  router.get('/aircraft/:id', allow('signed-in'), async (request, response) => {
    response.json(await visibleOr404(response, request.params.id));
  });
  router.post('/aircraft', allow(['partner', 'admin']), async (request, response) => {
    const body = parseInput(newAircraftSchema, request.body, 'Body field');
    const principal = principalOf(response);
    const own = organisationsOf(principal);
    const organisationId = body.organisationId ?? (own.length === 1 ? own[0]! : null);
    if (!organisationId) throw new ValidationError(MESSAGES.whichOrganisation);
    if (!isAdmin(principal) && !own.includes(organisationId)) throw new ValidationError(MESSAGES.notYours);
    const { signingKey: _key, signingPassphrase: _passphrase, organisationId: _organisation, ...rest } = body;
    const aircraft = await deps.registerAircraft({ ...rest, organisationId, signingKey: signingKeyOf(body) ?? null }, actorOf(request, response));
    await deps.onAircraftChanged();
    response.status(201).json(aircraft);
  });
  router.patch('/aircraft/:id', allow(['partner', 'admin']), async (request, response) => {
    const current = await manageableOr404(response, request.params.id);
    const body = parseInput(changesSchema, request.body, 'Body field');
    const { signingKey: _key, signingPassphrase: _passphrase, ...rest } = body;
    const signingKey = signingKeyOf(body);
    const aircraft = await deps.updateAircraft(current.id, { ...rest, ...(signingKey === undefined ? {} : { signingKey }) }, actorOf(request, response));
    await deps.onAircraftChanged();
    response.json(aircraft);
  });
  router.delete('/aircraft/:id', allow(['partner', 'admin']), async (request, response) => {
    const current = await manageableOr404(response, request.params.id);
    const aircraft = await deps.updateAircraft(current.id, { retire: true }, actorOf(request, response));
    await deps.onAircraftChanged();
    response.json(aircraft);
  });
  return router;
}
