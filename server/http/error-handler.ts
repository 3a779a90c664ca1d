/** Maps errors to HTTP answers: PlatformErrors by their status, anything else as a logged 500. */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { ApiError } from '../contracts/index.ts';
import { NotFoundError, PlatformError, TooManyRequestsError } from '../errors.ts';

/** 404 with a JSON body for any /api route nobody answered. */
export const apiNotFound: RequestHandler = (request, _response, next) => {
  next(new NotFoundError(`No API route ${request.method} ${request.originalUrl}`));
};

/** The one place errors become HTTP statuses. */
export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, _request, response, _next) => {
    let body: ApiError;
    let status: number;
    if (error instanceof PlatformError) {
      status = error.status;
      body = { error: { code: error.code, message: error.message, details: error.details } };
      if (error instanceof TooManyRequestsError) response.setHeader('Retry-After', String(error.retryAfterS));
    } else if (error?.type === 'entity.parse.failed' || error?.type === 'entity.too.large') {
      status = error.status ?? 400;
      body = { error: { code: 'bad_request', message: `Request body rejected: ${error.message}` } };
    } else {
      status = 500;
      logger.error({ err: error }, 'unhandled error in request');
      body = { error: { code: 'internal', message: 'Internal server error' } };
    }
    response.status(status).json(body);
  };
}
