/**
 * Recognises the caller of every /api request: `Authorization: Bearer <API token>` or the session
 * cookie. A cookie-authenticated change (POST, PUT, PATCH, DELETE) must carry the session's CSRF
 * token in `X-CSRF-Token`; API tokens are never sent by browsers on their own, so need none.
 */
import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import { ForbiddenError, UnauthorizedError } from '../errors.ts';
import { sessionSecretOf, type Authenticator } from '../services/authenticator.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const MESSAGES = {
  badToken: 'API token not recognised (wrong, expired or revoked)',
  badAuthorization: "Authorization header: expected 'Bearer <API token>'",
  csrf: 'Missing or wrong X-CSRF-Token header: send the csrfToken from GET /api/auth/session with every change',
} as const;

const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The session's CSRF token for the request, set by `authenticate` (null for API tokens and anonymous callers). */
export const csrfTokenOf = (response: Response): string | null => (response.locals.csrfToken as string | undefined) ?? null;

export function authenticate(authenticator: Authenticator): RequestHandler {
  return async (request, response, next) => {
    try {
      // Calendar apps cannot send headers: a feed (.ics) also takes the API token as ?access_token=.
      const feedToken = request.path.endsWith('.ics') && typeof request.query.access_token === 'string' ? request.query.access_token : undefined;
      const authorization = request.headers.authorization ?? (feedToken ? `Bearer ${feedToken}` : undefined);
      if (authorization !== undefined) {
        const [scheme, secret] = authorization.split(' ');
        if (scheme?.toLowerCase() !== 'bearer' || !secret) throw new UnauthorizedError(MESSAGES.badAuthorization);
        const found = await authenticator.fromTokenSecret(secret);
        if (!found) throw new UnauthorizedError(MESSAGES.badToken);
        response.locals.principal = found.principal;
        return next();
      }
      const secret = sessionSecretOf(request.headers.cookie);
      const found = secret ? await authenticator.fromSessionSecret(secret) : null;
      if (!found) return next(); // anonymous: allow() decides
      // Signing in is authenticated by the password itself (a stale cookie must not stop it).
      const needsCsrf = !SAFE_METHODS.has(request.method) && request.path !== '/auth/login';
      if (needsCsrf && !sameText(String(request.headers['x-csrf-token'] ?? ''), found.session.csrfToken)) {
        throw new ForbiddenError(MESSAGES.csrf);
      }
      response.locals.principal = found.principal;
      response.locals.csrfToken = found.session.csrfToken;
      response.locals.sessionExpiresAtMs = found.session.expiresAtMs;
      next();
    } catch (error) {
      next(error);
    }
  };
}
