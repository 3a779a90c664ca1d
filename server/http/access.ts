/**
 * Route access rules. Every route states who may call it with `allow(...)` as its first handler;
 * test/access-matrix.test.ts walks the route table and fails on a route without one. Finer rules
 * (which corridor, which organisation) are applied by the route with services/access-policy.ts.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { Role } from '../contracts/index.ts';
import type { AuditActor } from '../db/audit-repository.ts';
import { ForbiddenError, UnauthorizedError } from '../errors.ts';
import { hasRole, type Principal } from '../services/access-policy.ts';

/** Anyone; anyone signed in (session or token); or holders of one of the roles. */
export type RouteAccess = 'public' | 'signed-in' | readonly Role[];

const MESSAGES = {
  signIn: 'Sign in first: POST /api/auth/login, or send Authorization: Bearer <API token>',
  roles: (roles: readonly Role[]) => `Only ${roles.map((role) => `${role}s`).join(', ')} may do this`,
  sessionOnly: 'API tokens cannot do this; sign in with a password',
} as const;

/** The middleware enforcing `access`, carrying the rule for the route-table walk. */
// Typed with `any` params so it does not stop Express inferring the route's own path parameters.
export type AccessCheck = RequestHandler<any, any, any, any> & { access: RouteAccess };

export function allow(access: RouteAccess): AccessCheck {
  const check: RequestHandler = (_request, response, next) => {
    if (access === 'public') return next();
    const principal = response.locals.principal as Principal | undefined;
    if (!principal) return next(new UnauthorizedError(MESSAGES.signIn));
    if (access !== 'signed-in' && !hasRole(principal, access)) return next(new ForbiddenError(MESSAGES.roles(access)));
    next();
  };
  return Object.assign(check, { access });
}

/** The request's principal; throws UnauthorizedError when nobody is signed in (routes behind allow() always have one). */
export function principalOf(response: Response): Principal {
  const principal = response.locals.principal as Principal | undefined;
  if (!principal) throw new UnauthorizedError(MESSAGES.signIn);
  return principal;
}

/** The principal, which must be a person signed in with a session (not an API token). */
export function sessionPrincipalOf(response: Response): Principal & { sessionId: string } {
  const principal = principalOf(response);
  if (principal.sessionId === null) throw new ForbiddenError(MESSAGES.sessionOnly);
  return principal as Principal & { sessionId: string };
}

/** How the audit log names the caller of `request`. */
export function actorOf(request: Request, response: Response): AuditActor {
  const principal = principalOf(response);
  return { userId: principal.userId, tokenId: principal.tokenId, label: principal.label, ip: request.ip ?? null };
}
