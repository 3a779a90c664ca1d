/**
 * API tokens for machine clients: a person signed in with a password creates one for a grant they
 * hold (admins: any grant), sees its secret once, lists and revokes their own (admins: anyone's).
 */
import { Router } from 'express';
import { z } from 'zod';
import type { ApiTokenView, CorridorView, Page } from '../../contracts/index.ts';
import type { AccountDirectory } from '../../db/account-directory.ts';
import { ForbiddenError, NotFoundError } from '../../errors.ts';
import { canDelegate, isAdmin } from '../../services/access-policy.ts';
import { TOKEN_SECRET_PREFIX, type RevokedCredentials } from '../../services/authenticator.ts';
import { newSecret } from '../../services/credentials.ts';
import { actorOf, allow, principalOf, sessionPrincipalOf } from '../access.ts';
import { checkGrantTargets, grantSchema } from '../grant-input.ts';
import { isUuid, parseInput } from '../parse-input.ts';

export interface ApiTokenRouteDeps {
  accounts: AccountDirectory;
  listCorridors: () => Promise<CorridorView[]>;
  clock: () => number;
  onCredentialsRevoked: (revoked: RevokedCredentials) => void;
}

const DAY_MS = 86_400_000;
const newTokenSchema = z.object({
  name: z.string().min(1).max(100),
  grant: grantSchema,
  expiresInDays: z.number().int().min(1).max(3650).nullable().default(365),
}).strict();
const listQuerySchema = z.object({ everyone: z.enum(['true', 'false']).default('false') }).strict();

const MESSAGES = {
  notHeld: 'You can only give a token a role you hold yourself (for the same corridor or organisation)',
  everyone: "Query parameter 'everyone': only admins may list everyone's tokens",
} as const;

export function apiTokenRoutes(deps: ApiTokenRouteDeps): Router {
  const router = Router();
  const { accounts } = deps;

  router.get('/tokens', allow('signed-in'), async (request, response) => {
    const principal = principalOf(response);
    const { everyone } = parseInput(listQuerySchema, request.query, 'Query parameter');
    if (everyone === 'true' && !isAdmin(principal)) throw new ForbiddenError(MESSAGES.everyone);
    const body: Page<ApiTokenView> = { items: await accounts.listTokens(everyone === 'true' ? null : principal.userId), nextCursor: null };
    response.json(body);
  });
  router.post('/tokens', allow('signed-in'), async (request, response) => {
    const principal = sessionPrincipalOf(response);
    const body = parseInput(newTokenSchema, request.body, 'Body field');
    checkGrantTargets([body.grant], { corridors: await deps.listCorridors(), organisations: await accounts.listOrganisations(null) }, 'grant');
    if (!canDelegate(principal, body.grant)) throw new ForbiddenError(MESSAGES.notHeld);
    const { secret, secretHash } = newSecret(TOKEN_SECRET_PREFIX);
    const nowMs = deps.clock();
    const token = await accounts.createToken(
      { userId: principal.userId, name: body.name, prefix: secret.slice(0, 10), secretHash, grant: body.grant, expiresAtMs: body.expiresInDays === null ? null : nowMs + body.expiresInDays * DAY_MS },
      actorOf(request, response),
      nowMs,
    );
    response.status(201).json({ ...token, secret });
  });
  router.delete('/tokens/:id', allow('signed-in'), async (request, response) => {
    const principal = principalOf(response);
    const token = isUuid(request.params.id) ? await accounts.findTokenView(request.params.id) : null;
    if (!token || (token.userId !== principal.userId && !isAdmin(principal))) throw new NotFoundError(`No API token '${request.params.id}'`);
    const revoked = await accounts.revokeToken(token.id, actorOf(request, response), deps.clock());
    deps.onCredentialsRevoked({ tokenIds: [token.id] });
    response.json(revoked);
  });
  return router;
}
