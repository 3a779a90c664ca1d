/**
 * A small seeded PRNG (mulberry32, 32-bit state) with normal deviates (Box–Muller), so that the
 * physics noise is repeatable from a seed: no Math.random anywhere in the simulation. Not for
 * cryptography. Each aircraft owns one (seeded from the fleet seed and its system id).
 */
export class SeededRandom {
  private state: number;
  private spareNormal: number | null = null;

  /** Any 32-bit integer seed; the same seed gives the same sequence. */
  constructor(seed: number) {
    if (!Number.isInteger(seed)) throw new Error(`SeededRandom: seed must be an integer, got ${seed}`);
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** Standard normal (mean 0, standard deviation 1). */
  normal(): number {
    if (this.spareNormal !== null) {
      const spare = this.spareNormal;
      this.spareNormal = null;
      return spare;
    }
    const u = 1 - this.next(); // (0, 1]: log is finite
    const v = this.next();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  }
}

/** A per-aircraft seed from a fleet seed and a system id (so aircraft differ but stay repeatable). */
export function aircraftSeed(fleetSeed: number, systemId: number): number {
  return (Math.imul(fleetSeed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(systemId, 0xc2b2ae35)) >>> 0;
}
