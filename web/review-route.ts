/**
 * Where the Flights view is, kept in the URL's hash so a study can be linked to, reloaded and
 * gone back from: '#flights' the finder, '#flights/<id>' one flight, '#flights/replay/<id>,<id>'
 * flights replayed together.
 */

/** What the hash asks the Flights view for. */
export type ReviewRoute = { kind: 'finder' } | { kind: 'flight'; flightId: string } | { kind: 'replay'; flightIds: string[] };

/**
 * Read a '#flights…' hash.
 * @example routeOfHash('#flights/replay/a,b') // { kind: 'replay', flightIds: ['a', 'b'] }
 */
export function routeOfHash(hash: string): ReviewRoute {
  const rest = hash.replace(/^#flights\/?/, '');
  if (rest.startsWith('replay/')) return { kind: 'replay', flightIds: rest.slice('replay/'.length).split(',').filter(Boolean).map(decodeURIComponent) };
  return rest === '' ? { kind: 'finder' } : { kind: 'flight', flightId: decodeURIComponent(rest) };
}

/** The hash of `route` (the inverse of routeOfHash). */
export function hashOfRoute(route: ReviewRoute): string {
  if (route.kind === 'finder') return '#flights';
  if (route.kind === 'flight') return `#flights/${encodeURIComponent(route.flightId)}`;
  return `#flights/replay/${route.flightIds.map(encodeURIComponent).join(',')}`;
}
