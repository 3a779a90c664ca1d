/**
 * One JSON request to the server as the signed-in person, for views that have no client class of
 * their own yet: the session's CSRF token goes as X-CSRF-Token on every change (the server refuses
 * a cookie-authenticated change without it), a 401 is reported as "signed out", and a refusal
 * becomes a RequestRefusedError carrying the server's own message and details.
 */
import type { ApiError } from '../server/contracts/index.ts';
import { ApiRequestError } from './api.ts';

export interface JsonRequestOptions {
  /** The session's CSRF token (null for API tokens, which browsers never hold). */
  csrfToken: string | null;
  /** Called when a call answers 401: the session expired or was revoked. */
  onSignedOut: () => void;
}

/** A non-2xx answer with the server's `details` too (a 409 on a zone names its current version). */
export class RequestRefusedError extends ApiRequestError {
  constructor(path: string, status: number, message: string, readonly details: unknown) {
    super(path, status, message);
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/**
 * Send `body` (as JSON, when given) to `path` with `method`; resolves with the parsed answer, or
 * undefined for 204. Throws RequestRefusedError for a non-2xx answer, TypeError when unreachable.
 */
export async function requestJson<T>(method: string, path: string, body: unknown, options: JsonRequestOptions): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (!SAFE_METHODS.has(method) && options.csrfToken) headers['x-csrf-token'] = options.csrfToken;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  if (response.status === 401) options.onSignedOut();
  if (!response.ok) {
    // The body may be HTML or empty (a proxy, a crash): then the status is all there is to say.
    const error = (await response.json().catch(() => null)) as ApiError | null;
    throw new RequestRefusedError(path, response.status, error?.error?.message ?? `${method} ${path}: HTTP ${response.status}`, error?.error?.details);
  }
  return (response.status === 204 ? undefined : await response.json()) as T;
}
