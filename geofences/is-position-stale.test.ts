import { describe, expect, it } from 'vitest';
import { isPositionStale } from './is-position-stale.ts';

describe('isPositionStale', () => {
  it('is stale from exactly 15 s without a position, by default', () => {
    expect(isPositionStale(1_000, 15_999)).toBe(false);
    expect(isPositionStale(1_000, 16_000)).toBe(true);
    expect(isPositionStale(1_000, 3_000, 2_000)).toBe(true);
  });

  it('is not stale when the clock runs backwards, and refuses bad arguments', () => {
    expect(isPositionStale(20_000, 10_000)).toBe(false);
    expect(() => isPositionStale(Number.NaN, 0)).toThrow(/lastPositionAtMs must be a finite number/);
    expect(() => isPositionStale(0, 0, 0)).toThrow(/staleAfterMs must be a finite number > 0/);
  });
});
