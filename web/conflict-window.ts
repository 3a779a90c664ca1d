/**
 * A booking conflict (409) in the corridor's local time. The server's message names the approved
 * booking's window in UTC; people book and decide in local time, so its words are kept as they
 * are and the same window is added in local time, from the answer's details.
 */
import { ApiRequestError } from './api.ts';
import { BookingsApiError } from './bookings-api.ts';
import { describeWindow } from './zoned-time.ts';

const hasWindow = (details: unknown): details is { startsAtMs: number; endsAtMs: number } =>
  typeof details === 'object' && details !== null && typeof (details as Record<string, unknown>).startsAtMs === 'number' && typeof (details as Record<string, unknown>).endsAtMs === 'number';

/** `error` with the conflicting window in `timeZone` appended when it is a 409 naming one; otherwise `error` itself. */
export function withLocalConflictWindow(error: unknown, timeZone: string): unknown {
  if (!(error instanceof BookingsApiError) || error.status !== 409 || !hasWindow(error.details)) return error;
  const local = describeWindow(error.details.startsAtMs, error.details.endsAtMs, timeZone);
  return new ApiRequestError(error.path, error.status, `${error.message} — local time ${local} (${timeZone})`);
}
