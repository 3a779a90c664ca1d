/**
 * Corridor fences whose zones can be replaced while the ingest runs, so a zone created, revised or
 * retired takes effect on the very next position (issue 6). It delegates to the current compiled
 * `CorridorFences` and keeps one fence object per corridor for the life of the process, with that
 * corridor's evaluator and zones swapped underneath:
 * - the ingest compares a vehicle's fence by identity to notice that it changed corridor, so a new
 *   object per reload would end every open violation in the corridor and alert again;
 * - a zone that left (revised or retired) stays findable by id, so the breach tracker's
 *   'breach:ended' for it, which comes once the zone has been absent for the hold time, still
 *   closes its violation against the version that judged it.
 */
import type { CorridorView, ZoneView } from '../contracts/index.ts';
import type { CorridorFence, CorridorFences } from './corridor-fences.ts';

/** One corridor's fence with a stable identity; its contents follow the latest compiled fence. */
class StableCorridorFence implements CorridorFence {
  #fence: CorridorFence;
  /** Every zone this corridor has had since start, current versions last written (a handful per change, never large). */
  readonly #zonesById = new Map<string, ZoneView>();

  constructor(fence: CorridorFence) {
    this.#fence = fence;
    this.swap(fence);
  }

  get corridor(): CorridorView {
    return this.#fence.corridor;
  }

  get evaluator(): CorridorFence['evaluator'] {
    return this.#fence.evaluator;
  }

  get zonesById(): ReadonlyMap<string, ZoneView> {
    return this.#zonesById;
  }

  get catchment(): CorridorFence['catchment'] {
    return this.#fence.catchment;
  }

  swap(fence: CorridorFence): void {
    this.#fence = fence;
    for (const zone of fence.zonesById.values()) this.#zonesById.set(zone.id, zone);
  }
}

/** CorridorFences that delegate to a replaceable current instance; see the file comment. */
export class SwappableCorridorFences implements CorridorFences {
  #current: CorridorFences;
  #fences: StableCorridorFence[] = [];
  readonly #byCorridorId = new Map<string, StableCorridorFence>();
  #reloadsStarted = 0;
  #reloadApplied = 0;

  constructor(initial: CorridorFences) {
    this.#current = initial;
    this.replace(initial);
  }

  get fences(): readonly CorridorFence[] {
    return this.#fences;
  }

  locate(lon: number, lat: number, current: CorridorFence | null): CorridorFence | null {
    const inner = current ? (this.#current.fences.find((fence) => fence.corridor.id === current.corridor.id) ?? null) : null;
    const found = this.#current.locate(lon, lat, inner);
    return found ? (this.#byCorridorId.get(found.corridor.id) ?? null) : null;
  }

  /**
   * Replace with what `load` returns (rejects when it does). When reloads overlap, the one started last wins:
   * it read the database after every change that asked for an earlier one.
   */
  async reload(load: () => Promise<CorridorFences>): Promise<void> {
    const reload = ++this.#reloadsStarted;
    const next = await load();
    if (reload < this.#reloadApplied) return;
    this.#reloadApplied = reload;
    this.replace(next);
  }

  /** Judge every later position against `next` (freshly compiled from the stored zones). */
  replace(next: CorridorFences): void {
    this.#fences = next.fences.map((fence) => {
      let stable = this.#byCorridorId.get(fence.corridor.id);
      if (stable) stable.swap(fence);
      else this.#byCorridorId.set(fence.corridor.id, (stable = new StableCorridorFence(fence)));
      return stable;
    });
    this.#current = next;
  }
}
