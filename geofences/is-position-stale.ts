/**
 * Stale telemetry: an aircraft whose last position is older than a limit (15 s by default, as
 * DESIGN.md asks) is its own alert — the fence check cannot vouch for where it is.
 */

const MESSAGES = {
  badTime: (name: string, value: unknown) => `isPositionStale: ${name} must be a finite number of ms, got ${String(value)}`,
  badLimit: (value: unknown) => `isPositionStale: staleAfterMs must be a finite number > 0 ms, got ${String(value)}`,
} as const;

/**
 * Whether the last position, received at `lastPositionAtMs`, is stale at `nowMs`: true once `staleAfterMs` (default 15000)
 * or more have passed. The caller passes both times (ms, same clock); with no position yet, pass the time it started
 * waiting (e.g. the link's first heartbeat). A clock that ran backwards (now before last) is not stale.
 * Throws an Error when a time is not finite or staleAfterMs is not > 0.
 * @example isPositionStale(1_000, 16_000) // true: 15 s without a position
 */
export function isPositionStale(lastPositionAtMs: number, nowMs: number, staleAfterMs = 15_000): boolean {
  if (typeof lastPositionAtMs !== 'number' || !Number.isFinite(lastPositionAtMs)) throw new Error(MESSAGES.badTime('lastPositionAtMs', lastPositionAtMs));
  if (typeof nowMs !== 'number' || !Number.isFinite(nowMs)) throw new Error(MESSAGES.badTime('nowMs', nowMs));
  if (typeof staleAfterMs !== 'number' || !Number.isFinite(staleAfterMs) || staleAfterMs <= 0) throw new Error(MESSAGES.badLimit(staleAfterMs));
  return nowMs - lastPositionAtMs >= staleAfterMs;
}
