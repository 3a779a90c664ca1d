import { describe, expect, it } from 'vitest';
import { hashOfRoute, routeOfHash, type ReviewRoute } from './review-route.ts';

describe('routeOfHash', () => {
  it('reads the finder, one flight and a joint replay', () => {
    expect(routeOfHash('#flights')).toEqual({ kind: 'finder' });
    expect(routeOfHash('#flights/')).toEqual({ kind: 'finder' });
    expect(routeOfHash('#flights/3f1c')).toEqual({ kind: 'flight', flightId: '3f1c' });
    expect(routeOfHash('#flights/replay/a,b,')).toEqual({ kind: 'replay', flightIds: ['a', 'b'] });
  });

  it('is the inverse of hashOfRoute', () => {
    const routes: ReviewRoute[] = [{ kind: 'finder' }, { kind: 'flight', flightId: 'x y' }, { kind: 'replay', flightIds: ['a', 'b'] }];
    for (const route of routes) {
      expect(routeOfHash(hashOfRoute(route))).toEqual(route);
    }
  });
});
