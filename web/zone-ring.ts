/**
 * Between Leaflet's corners ([lat, lng] LatLngs, as people click them) and a GeoJSON ring
 * ([lon, lat] positions, closed, exterior anticlockwise as RFC 7946 §3.1.6 asks), and the small
 * geometry the zone drawing needs besides.
 */
import L from 'leaflet';

/** Twice the ring's signed area in degrees² (shoelace formula): positive when anticlockwise. */
function signedArea(ring: ReadonlyArray<GeoJSON.Position>): number {
  return ring.reduce((sum, [lon = 0, lat = 0], index) => {
    const [nextLon = 0, nextLat = 0] = ring[(index + 1) % ring.length]!;
    return sum + (lon * nextLat - nextLon * lat);
  }, 0);
}

/** Seven decimals of a degree are about a centimetre: more only bloats the request. */
export const roundDegrees = (degrees: number) => Math.round(degrees * 1e7) / 1e7;

/**
 * The closed exterior ring through `corners` (three or more), anticlockwise whichever way they were clicked.
 * @example exteriorRingOf([L.latLng(0, 0), L.latLng(1, 0), L.latLng(0, 1)]) // [[0,0],[1,0],[0,1],[0,0]]
 */
export function exteriorRingOf(corners: readonly L.LatLng[]): GeoJSON.Position[] {
  const ring = corners.map((corner): GeoJSON.Position => [roundDegrees(corner.lng), roundDegrees(corner.lat)]);
  if (signedArea(ring) < 0) ring.reverse();
  return [...ring, ring[0]!];
}

/** The corners of a closed GeoJSON ring, as LatLngs, without the repeated closing position. */
export function cornersOf(ring: ReadonlyArray<GeoJSON.Position>): L.LatLng[] {
  const [first, last] = [ring[0], ring[ring.length - 1]];
  const isClosed = first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1];
  return (isClosed ? ring.slice(0, -1) : ring).map(([lon = 0, lat = 0]) => L.latLng(lat, lon));
}

/** The rings of a one-part area, or null for several parts: the server stores every polygon as a MultiPolygon, so a drawn Polygon comes back as one part. */
export function singlePolygonOf(geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon): GeoJSON.Position[][] | null {
  if (geometry.type === 'Polygon') return geometry.coordinates;
  return geometry.coordinates.length === 1 ? geometry.coordinates[0]! : null;
}

/** The point `metres` due east of `center` (spherical, 111,320 m per degree at the equator): close enough for a handle. */
export function eastOf(center: L.LatLng, metres: number): L.LatLng {
  return L.latLng(center.lat, center.lng + metres / (111_320 * Math.cos((center.lat * Math.PI) / 180)));
}
