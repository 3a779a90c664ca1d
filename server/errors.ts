/**
 * The server's error hierarchy. Services throw these; server/http/error-handler.ts maps
 * them to HTTP statuses and the `{error: {code, message, details}}` body in one place.
 */
export class PlatformError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends PlatformError {
  constructor(message: string, details?: unknown) {
    super(message, 400, 'validation_failed', details);
  }
}

export class UnauthorizedError extends PlatformError {
  constructor(message = 'Sign in to use this resource') {
    super(message, 401, 'unauthorized');
  }
}

export class ForbiddenError extends PlatformError {
  constructor(message: string) {
    super(message, 403, 'forbidden');
  }
}

/** Too many attempts (login throttling); `retryAfterS` becomes the Retry-After header. */
export class TooManyRequestsError extends PlatformError {
  constructor(
    message: string,
    readonly retryAfterS: number,
  ) {
    super(message, 429, 'too_many_requests', { retryAfterS });
  }
}

export class NotFoundError extends PlatformError {
  constructor(message: string) {
    super(message, 404, 'not_found');
  }
}

export class ConflictError extends PlatformError {
  constructor(message: string, details?: unknown) {
    super(message, 409, 'conflict', details);
  }
}

export class UnavailableError extends PlatformError {
  constructor(message: string) {
    super(message, 503, 'unavailable');
  }
}
