/**
 * Web Mercator (EPSG:3857, Leaflet's default CRS) from degrees to world pixels at a zoom whose
 * scale is 256·2^zoom — the same numbers as Leaflet's map.project, without allocating a LatLng
 * and a Point per call, for canvases that project thousands of trail points a frame.
 */

/** Web Mercator's latitude limit (Leaflet's SphericalMercator.MAX_LATITUDE). */
const MAX_LATITUDE = 85.0511287798;

/**
 * World pixel x of longitude `lon` (degrees) at `scale` = 256·2^zoom.
 * @example mercatorX(0, 256) // 128
 */
export const mercatorX = (lon: number, scale: number): number => scale * (lon / 360 + 0.5);

/**
 * World pixel y of latitude `lat` (degrees, clamped to ±85.0511°) at `scale` = 256·2^zoom; north is up (smaller y).
 * @example mercatorY(0, 256) // 128
 */
export function mercatorY(lat: number, scale: number): number {
  const phi = (Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat)) * Math.PI) / 180;
  return scale * (0.5 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / (2 * Math.PI));
}
