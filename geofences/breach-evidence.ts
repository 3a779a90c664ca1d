/**
 * The samples that prove one breach, kept while it is open: the first sample in breach, the
 * deepest, the last in breach and the first clear one after, plus a thinned track in between so a
 * regulator can see its path — at most `MAX_EVIDENCE_SAMPLES` in all, whatever the breach's length.
 */
import type { PositionSample } from './position-assessment.ts';

/** Most samples a breach event carries. */
export const MAX_EVIDENCE_SAMPLES = 50;
/** Room left for the thinned track beside first, deepest, last and first-clear. */
const TRACK_CAPACITY = MAX_EVIDENCE_SAMPLES - 4;

/** Evidence of one open breach; depth is the excursion of the breached limit in metres. */
export class BreachEvidence {
  readonly #first: PositionSample;
  #deepest: PositionSample;
  #deepestM: number;
  #last: PositionSample;
  #firstClear: PositionSample | null = null;
  /** Every `#stride`-th breach sample after the first; halved (stride doubled) whenever it outgrows its capacity. */
  #track: PositionSample[] = [];
  #stride = 1;
  #count = 0;

  constructor(first: PositionSample, depthM: number) {
    this.#first = first;
    this.#deepest = first;
    this.#deepestM = depthM;
    this.#last = first;
  }

  /** Add a later sample in breach of the same limit, `depthM` metres deep. */
  addBreach(sample: PositionSample, depthM: number): void {
    this.#last = sample;
    this.#firstClear = null;
    if (depthM > this.#deepestM) {
      this.#deepest = sample;
      this.#deepestM = depthM;
    }
    this.#count++;
    if (this.#count % this.#stride !== 0) return;
    this.#track.push(sample);
    if (this.#track.length > TRACK_CAPACITY) {
      this.#track = this.#track.filter((_, i) => i % 2 === 1);
      this.#stride *= 2;
    }
  }

  /** Record a clear sample; only the first one after the last sample in breach is kept. */
  setFirstClear(sample: PositionSample): void {
    this.#firstClear ??= sample;
  }

  /** The evidence in time order, each sample once, at most MAX_EVIDENCE_SAMPLES; copies, so callers cannot rewrite it. */
  samples(): PositionSample[] {
    const picked = new Set<PositionSample>([this.#first, ...this.#track, this.#deepest, this.#last]);
    if (this.#firstClear) picked.add(this.#firstClear);
    return [...picked].sort((a, b) => a.timeMs - b.timeMs).map((sample) => structuredClone(sample));
  }
}
