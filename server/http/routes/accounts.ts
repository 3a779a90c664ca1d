/**
 * Accounts and organisations. People: admins list, create, change (name, organisation, disabled,
 * password) and re-grant them, and can sign them out everywhere. Organisations: everyone signed in
 * may read them (partners only their own); admins create and rename them. All changes audited.
 */
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { CorridorView, OrganisationView, Page } from '../../contracts/index.ts';
import type { AccountDirectory } from '../../db/account-directory.ts';
import { NotFoundError, ValidationError } from '../../errors.ts';
import { isAdmin, organisationsOf } from '../../services/access-policy.ts';
import { hashPassword } from '../../services/credentials.ts';
import { actorOf, allow, principalOf } from '../access.ts';
import { checkGrantTargets, grantSchema } from '../grant-input.ts';
import { parseListQuery } from '../list-query.ts';
import { isUuid, parseCursor, parseInput } from '../parse-input.ts';
import type { RevokedCredentials } from '../../services/authenticator.ts';
import { passwordSchema } from './auth.ts';

export interface AccountRouteDeps {
  accounts: AccountDirectory;
  listCorridors: () => Promise<CorridorView[]>;
  clock: () => number;
  onCredentialsRevoked: (revoked: RevokedCredentials) => void;
}

const email = z.email().max(320).transform((text) => text.toLowerCase());
const newUserSchema = z.object({
  email,
  displayName: z.string().min(1).max(200),
  password: passwordSchema,
  organisationId: z.uuid().nullable().default(null),
  grants: z.array(grantSchema).max(100).default([]),
}).strict();
const userChangesSchema = z.object({
  displayName: z.string().min(1).max(200).optional(),
  organisationId: z.uuid().nullable().optional(),
  disabled: z.boolean().optional(),
  password: passwordSchema.optional(),
}).strict();
const grantsSchema = z.object({ grants: z.array(grantSchema).max(100) }).strict();
const organisationSchema = z.object({ name: z.string().min(1).max(200), kind: z.enum(['partner', 'operator', 'regulator', 'platform']).default('partner') }).strict();
const organisationChangesSchema = z.object({ name: z.string().min(1).max(200), kind: z.enum(['partner', 'operator', 'regulator', 'platform']).optional() }).strict();
const noQuery = z.object({}).strict();

const idOf = (request: Request<{ id: string }>, what: string): string => {
  if (!isUuid(request.params.id)) throw new NotFoundError(`No ${what} '${request.params.id}'`);
  return request.params.id;
};

export function accountRoutes(deps: AccountRouteDeps): Router {
  const router = Router();
  const { accounts } = deps;
  const known = async () => ({ corridors: await deps.listCorridors(), organisations: await accounts.listOrganisations(null) });
  const checkOrganisation = async (organisationId: string | null | undefined) => {
    if (organisationId && !(await accounts.findOrganisation(organisationId))) throw new ValidationError(`Body field 'organisationId': no organisation '${organisationId}'`);
  };
  const userOr404 = async (id: string) => {
    const user = await accounts.findUser(id);
    if (!user) throw new NotFoundError(`No user '${id}'`);
    return user;
  };

  router.get('/users', allow(['admin']), async (request, response) => {
    const { limit, cursor } = parseListQuery(request.query);
    response.json(await accounts.listUsers({ limit, cursor: cursor ? parseCursor(cursor, ['email']) : null }));
  });
  router.post('/users', allow(['admin']), async (request, response) => {
    const body = parseInput(newUserSchema, request.body, 'Body field');
    checkGrantTargets(body.grants, await known(), 'grants');
    await checkOrganisation(body.organisationId);
    const user = { email: body.email, displayName: body.displayName, passwordHash: await hashPassword(body.password), organisationId: body.organisationId, grants: body.grants };
    response.status(201).json(await accounts.createUser(user, actorOf(request, response), deps.clock()));
  });
  router.get('/users/:id', allow(['admin']), async (request, response) => {
    parseInput(noQuery, request.query, 'Query parameter');
    response.json(await userOr404(idOf(request, 'user')));
  });
  // Disabling a person or setting their password signs them out everywhere.
  router.patch('/users/:id', allow(['admin']), async (request, response) => {
    const id = idOf(request, 'user');
    const body = parseInput(userChangesSchema, request.body, 'Body field');
    await checkOrganisation(body.organisationId);
    const { password, ...rest } = body;
    const changes = { ...rest, ...(password === undefined ? {} : { passwordHash: await hashPassword(password) }) };
    const actor = actorOf(request, response);
    const user = await accounts.updateUser(id, changes, actor, deps.clock());
    if (body.disabled === true || password !== undefined) await signOutEverywhere(deps, id, request, response, body.disabled ? 'disabled' : 'password set by an admin');
    response.json(user);
  });
  router.put('/users/:id/grants', allow(['admin']), async (request, response) => {
    const id = idOf(request, 'user');
    const { grants } = parseInput(grantsSchema, request.body, 'Body field');
    checkGrantTargets(grants, await known(), 'grants');
    const user = await accounts.replaceGrants(id, grants, actorOf(request, response), deps.clock());
    // Their live sockets are closed: a client connects again (the web page reloads) into the rooms of the new grants.
    deps.onCredentialsRevoked({ userIds: [id] });
    response.json(user);
  });
  router.delete('/users/:id/sessions', allow(['admin']), async (request, response) => {
    const id = idOf(request, 'user');
    await userOr404(id);
    await signOutEverywhere(deps, id, request, response, 'signed out by an admin');
    response.status(204).end();
  });

  router.get('/organisations', allow('signed-in'), async (request, response) => {
    parseInput(noQuery, request.query, 'Query parameter');
    const principal = principalOf(response);
    const onlyIds = isAdmin(principal) || principal.grants.some((grant) => 'corridorId' in grant) ? null : organisationsOf(principal);
    const body: Page<OrganisationView> = { items: await accounts.listOrganisations(onlyIds), nextCursor: null };
    response.json(body);
  });
  router.get('/organisations/:id', allow('signed-in'), async (request, response) => {
    parseInput(noQuery, request.query, 'Query parameter');
    const principal = principalOf(response);
    const id = idOf(request, 'organisation');
    const organisation = await accounts.findOrganisation(id);
    const isVisible = isAdmin(principal) || principal.grants.some((grant) => 'corridorId' in grant) || organisationsOf(principal).includes(id);
    if (!organisation || !isVisible) throw new NotFoundError(`No organisation '${id}'`);
    response.json(organisation);
  });
  router.post('/organisations', allow(['admin']), async (request, response) => {
    const body = parseInput(organisationSchema, request.body, 'Body field');
    response.status(201).json(await accounts.saveOrganisation({ id: null, ...body }, actorOf(request, response), deps.clock()));
  });
  router.patch('/organisations/:id', allow(['admin']), async (request, response) => {
    const id = idOf(request, 'organisation');
    const body = parseInput(organisationChangesSchema, request.body, 'Body field');
    response.json(await accounts.saveOrganisation({ id, ...body }, actorOf(request, response), deps.clock()));
  });
  return router;
}

async function signOutEverywhere(deps: AccountRouteDeps, userId: string, request: Request, response: Response, reason: string): Promise<void> {
  const sessionIds = await deps.accounts.revokeSessions({ userId, reason }, actorOf(request, response), deps.clock());
  deps.onCredentialsRevoked({ sessionIds, userIds: [userId] });
}
