/**
 * Signing in and out: POST /api/auth/login (email + password → HTTP-only SameSite=Strict session
 * cookie, Secure behind HTTPS), POST /api/auth/logout, GET /api/auth/session (who is signed in and
 * the CSRF token), POST /api/auth/password, and a person's own sessions (list, revoke).
 */
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Page, SessionSummaryView, SessionView } from '../../contracts/index.ts';
import type { AccountDirectory } from '../../db/account-directory.ts';
import { UnauthorizedError } from '../../errors.ts';
import type { Principal } from '../../services/access-policy.ts';
import { SESSION_COOKIE, type Authenticator, type RevokedCredentials } from '../../services/authenticator.ts';
import { hashPassword, isPasswordCorrect, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../services/credentials.ts';
import { actorOf, allow, principalOf, sessionPrincipalOf } from '../access.ts';
import { csrfTokenOf } from '../authenticate.ts';
import { isUuid, parseInput } from '../parse-input.ts';

export interface AuthRouteDeps {
  accounts: AccountDirectory;
  authenticator: Authenticator;
  clock: () => number;
  /** 'auto': Secure when the request came over HTTPS (see TRUST_PROXY). */
  cookieSecure: 'auto' | 'always' | 'never';
  onCredentialsRevoked: (revoked: RevokedCredentials) => void;
}

export const passwordSchema = z.string().min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`).max(MAX_PASSWORD_LENGTH);
const loginSchema = z.object({ email: z.string().min(3).max(320), password: z.string().min(1).max(MAX_PASSWORD_LENGTH) }).strict();
const passwordChangeSchema = z.object({ currentPassword: z.string().min(1).max(MAX_PASSWORD_LENGTH), newPassword: passwordSchema }).strict();
const noQuery = z.object({}).strict();

const MESSAGES = { wrongPassword: "Body field 'currentPassword': not your current password" } as const;

export function authRoutes(deps: AuthRouteDeps): Router {
  const router = Router();
  const { accounts } = deps;

  const sessionView = async (principal: Principal, response: Response, expiresAtMs: number | null): Promise<SessionView> => ({
    user: principal.tokenId === null ? await accounts.findUser(principal.userId) : null,
    token: principal.tokenId === null ? null : { id: principal.tokenId, name: principal.label },
    grants: [...principal.grants],
    csrfToken: csrfTokenOf(response),
    expiresAtMs,
  });
  const cookieOptions = (request: Request) => ({
    httpOnly: true, sameSite: 'strict' as const, path: '/',
    secure: deps.cookieSecure === 'always' || (deps.cookieSecure === 'auto' && request.secure),
  });

  router.post('/auth/login', allow('public'), async (request, response) => {
    const { email, password } = parseInput(loginSchema, request.body, 'Body field');
    const signedIn = await deps.authenticator.signIn({ email, password, ip: request.ip ?? null, userAgent: request.headers['user-agent'] ?? null });
    response.cookie(SESSION_COOKIE, signedIn.secret, { ...cookieOptions(request), expires: new Date(signedIn.session.expiresAtMs) });
    response.locals.csrfToken = signedIn.session.csrfToken;
    response.json(await sessionView(signedIn.principal, response, signedIn.session.expiresAtMs));
  });
  router.post('/auth/logout', allow('signed-in'), async (request, response) => {
    const principal = sessionPrincipalOf(response);
    await accounts.revokeSessions({ userId: principal.userId, sessionId: principal.sessionId, reason: 'signed out' }, actorOf(request, response), deps.clock());
    deps.onCredentialsRevoked({ sessionIds: [principal.sessionId] });
    response.clearCookie(SESSION_COOKIE, cookieOptions(request));
    response.status(204).end();
  });
  router.get('/auth/session', allow('signed-in'), async (request, response) => {
    parseInput(noQuery, request.query, 'Query parameter');
    response.json(await sessionView(principalOf(response), response, (response.locals.sessionExpiresAtMs as number | undefined) ?? null));
  });
  // A new password signs the person out everywhere else.
  router.post('/auth/password', allow('signed-in'), async (request, response) => {
    const principal = sessionPrincipalOf(response);
    const { currentPassword, newPassword } = parseInput(passwordChangeSchema, request.body, 'Body field');
    const user = await accounts.findUser(principal.userId);
    const credentials = user ? await accounts.findCredentials(user.email) : null;
    if (!credentials || !(await isPasswordCorrect(currentPassword, credentials.passwordHash))) throw new UnauthorizedError(MESSAGES.wrongPassword);
    const actor = actorOf(request, response);
    await accounts.updateUser(principal.userId, { passwordHash: await hashPassword(newPassword) }, actor, deps.clock());
    const revoked = await accounts.revokeSessions({ userId: principal.userId, exceptSessionId: principal.sessionId, reason: 'password changed' }, actor, deps.clock());
    deps.onCredentialsRevoked({ sessionIds: revoked });
    response.status(204).end();
  });
  router.get('/auth/sessions', allow('signed-in'), async (request, response) => {
    parseInput(noQuery, request.query, 'Query parameter');
    const principal = sessionPrincipalOf(response);
    const sessions = await accounts.listSessions(principal.userId, deps.clock());
    const body: Page<SessionSummaryView> = { items: sessions.map((session) => ({ ...session, isCurrent: session.id === principal.sessionId })), nextCursor: null };
    response.json(body);
  });
  router.delete('/auth/sessions/:id', allow('signed-in'), async (request, response) => {
    const principal = sessionPrincipalOf(response);
    const sessionId = isUuid(request.params.id) ? request.params.id : '00000000-0000-0000-0000-000000000000';
    const revoked = await accounts.revokeSessions({ userId: principal.userId, sessionId, reason: 'revoked by its owner' }, actorOf(request, response), deps.clock());
    deps.onCredentialsRevoked({ sessionIds: revoked });
    response.status(204).end();
  });
  return router;
}
