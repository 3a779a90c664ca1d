/**
 * What is wrong with one linear ring, if anything: RFC 7946 §3.1.6 (closed, ≥ 4 positions),
 * valid positions, no edge jumping across the antimeridian (§3.1.9 asks for a split instead;
 * an edge along a pole, as in a polar cap, is allowed),
 * non-zero area, and no self-intersection — the pairwise segment test of turf's `kinks`,
 * which also catches a vertex touching a non-adjacent edge.
 */
import { positionProblem } from './position-problem.ts';

type Point = readonly [number, number];

/** Sign of the turn a → b → c: >0 left, <0 right, 0 collinear. */
function orient(a: Point, b: Point, c: Point): number {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

function onSegment(a: Point, b: Point, p: Point): boolean {
  return Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);
}

/** True when closed segments ab and cd share any point (crossing, touching or overlapping). */
function segmentsMeet(a: Point, b: Point, c: Point, d: Point): boolean {
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0))) return true;
  return (o1 === 0 && onSegment(a, b, c)) || (o2 === 0 && onSegment(a, b, d))
    || (o3 === 0 && onSegment(c, d, a)) || (o4 === 0 && onSegment(c, d, b));
}

/** First self-intersection of a closed ring without repeated consecutive vertices, as [lon, lat] of an edge start, or null. */
function findKink(ring: readonly Point[]): Point | null {
  const edges = ring.length - 1;
  for (let i = 0; i < edges; i++) {
    for (let j = i + 2; j < edges; j++) {
      if (i === 0 && j === edges - 1) continue; // first and last edges share the closing vertex
      const a = ring[i] as Point;
      const c = ring[j] as Point;
      if (segmentsMeet(a, ring[i + 1] as Point, c, ring[j + 1] as Point)) return c;
    }
  }
  return null;
}

function doubleArea(ring: readonly Point[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) sum += orient([0, 0], ring[i] as Point, ring[i + 1] as Point);
  return sum;
}

/** Most bad positions listed for one ring; the rest are counted. */
const MAX_POSITION_PROBLEMS = 10;

/** Describe why `ring` is not a valid simple closed GeoJSON linear ring of [lon, lat] degrees, or null when it is; never throws. */
export function ringProblem(ring: unknown): string | null {
  return ringProblems(ring)[0] ?? null;
}

/**
 * Every bad position of `ring` (each with its index, at most 10 listed and the rest counted), or else its one structural
 * problem (too short, unclosed, antimeridian jump, self-intersection, zero area); [] when it is valid. Never throws.
 */
export function ringProblems(ring: unknown): string[] {
  if (!Array.isArray(ring)) return [`must be an array of positions, got ${JSON.stringify(ring)}`];
  const bad: string[] = [];
  for (let i = 0; i < ring.length; i++) {
    const problem = positionProblem(ring[i]);
    if (problem) bad.push(`position [${i}] ${problem}`);
  }
  if (bad.length > MAX_POSITION_PROBLEMS) {
    return [...bad.slice(0, MAX_POSITION_PROBLEMS), `has ${bad.length - MAX_POSITION_PROBLEMS} more bad positions`];
  }
  if (ring.length < 4) bad.push(`has ${ring.length} positions; a linear ring needs at least 4 (first repeated last)`);
  // Closure is independent of the positions' ranges, so it is reported beside them; the other checks need good positions.
  const closure = ring.length >= 2 ? closureProblem(ring[0], ring[ring.length - 1]) : null;
  if (closure) bad.push(closure);
  if (bad.length > 0) return bad;
  const structural = structuralProblem(ring as Point[]);
  return structural ? [structural] : [];
}

function closureProblem(first: unknown, last: unknown): string | null {
  if (!Array.isArray(first) || !Array.isArray(last) || (first[0] === last[0] && first[1] === last[1])) return null;
  return `is not closed: first position [${first[0]}, ${first[1]}] differs from last [${last[0]}, ${last[1]}]`;
}

function structuralProblem(points: readonly Point[]): string | null {
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i] as Point;
    const b = points[i + 1] as Point;
    const isAlongPole = Math.abs(a[1]) === 90 && a[1] === b[1]; // a polar cap's edge: longitude means nothing there
    if (Math.abs(b[0] - a[0]) > 180 && !isAlongPole) {
      return `edge [${i}] jumps ${Math.abs(b[0] - a[0])}° of longitude; split the polygon at the antimeridian into a MultiPolygon (RFC 7946 §3.1.9)`;
    }
  }
  const distinct = points.filter((p, i) => i === 0 || p[0] !== points[i - 1]?.[0] || p[1] !== points[i - 1]?.[1]);
  const kink = distinct.length >= 4 ? findKink(distinct) : null;
  if (kink) return `is self-intersecting near [${kink[0]}, ${kink[1]}]`;
  return distinct.length < 4 || doubleArea(distinct) === 0 ? 'has zero area (all positions collinear or repeated)' : null;
}
