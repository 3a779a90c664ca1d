/**
 * Rings whose longitudes run continuously past ±180 (as turf's circle and buffer produce)
 * turned into RFC 7946 §3.1.9 form: cut along the antimeridian into parts that each stay
 * within [-180, 180]. Edges are straight in [lon, lat], so the cut latitude is interpolated
 * linearly in longitude — the same reading point-in-polygon uses.
 */

type Position = [number, number];

/** Sutherland–Hodgman clip of a closed ring to the half-plane lon ≤ edge (keepWest) or lon ≥ edge. */
function clipAtLongitude(ring: readonly Position[], edge: number, keepWest: boolean): Position[] {
  const isKept = (p: Position): boolean => (keepWest ? p[0] <= edge : p[0] >= edge);
  const out: Position[] = [];
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i] as Position;
    const b = ring[i + 1] as Position;
    if (isKept(a)) out.push([a[0], a[1]]);
    if (isKept(a) !== isKept(b) && a[0] !== edge && b[0] !== edge) {
      const t = (edge - a[0]) / (b[0] - a[0]);
      out.push([edge, a[1] + t * (b[1] - a[1])]);
    }
  }
  const first = out[0];
  if (first) out.push([first[0], first[1]]);
  return out;
}

/** Make longitudes continuous (no jump over 180°) starting from the first position; returns a new ring. */
export function unwrapRing(ring: readonly (readonly number[])[]): Position[] {
  const out: Position[] = [];
  let previous: number | null = null;
  for (const [lon = 0, lat = 0] of ring) {
    let unwrapped = lon;
    if (previous !== null) {
      while (unwrapped - previous > 180) unwrapped -= 360;
      while (unwrapped - previous < -180) unwrapped += 360;
    }
    out.push([unwrapped, lat]);
    previous = unwrapped;
  }
  return out;
}

/**
 * Split a closed ring with continuous longitudes into parts within [-180, 180] degrees (one part when it does not cross); never throws.
 * @example splitRingAtAntimeridian([[179.9, -16.9], [180.1, -16.9], [180.1, -16.7], [179.9, -16.7], [179.9, -16.9]]).length // 2
 */
export function splitRingAtAntimeridian(ring: readonly (readonly number[])[]): Position[][] {
  let parts: Position[][] = [unwrapRing(ring)];
  const longitudes = parts[0]?.map((p) => p[0]) ?? [];
  const turns = Math.floor((Math.min(...longitudes) + 180) / 360);
  if (turns !== 0) parts = parts.map((part) => part.map(([lon, lat]): Position => [lon - turns * 360, lat]));
  const result: Position[][] = [];
  for (const part of parts) {
    if (Math.max(...part.map((p) => p[0])) <= 180) {
      result.push(part);
      continue;
    }
    const west = clipAtLongitude(part, 180, true);
    const east = clipAtLongitude(part, 180, false).map(([lon, lat]): Position => [lon - 360, lat]);
    for (const piece of [west, east]) if (piece.length >= 4) result.push(piece);
  }
  return result;
}
