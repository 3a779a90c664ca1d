/**
 * Breach lifecycle for one aircraft: turns a stream of position assessments into
 * 'breach:started' / 'breach:ended' events with hysteresis, so a track along an edge does not
 * flap. The clock is `assessment.timeMs`; nothing here reads the time itself.
 *
 * - A breach is keyed by (zoneId, limit) and starts on the first sample with status 'breach'.
 * - It ends once its zone has been 'clear' (neither breach nor approaching, i.e. beyond the
 *   margin) on every sample for at least holdMs; endedAtMs is the first sample of that clear run.
 *   The clear run is per zone, so every open limit of a zone ends together.
 * - While open, the breach keeps the largest horizontal and vertical excursion of the samples
 *   breaching that limit.
 */
import type { PositionAssessment, ZoneAssessment } from './position-assessment.ts';

/** Kind of breach lifecycle event. */
export type BreachEventType = 'breach:started' | 'breach:ended';

/** One breach of one limit of one zone; times in ms from the assessments, excursions in metres. */
export interface BreachEvent {
  type: BreachEventType;
  zoneId: string;
  limit: 'horizontal' | 'ceiling' | 'floor';
  startedAtMs: number;
  endedAtMs: number | null;
  maxHorizontalExcursionM: number;
  maxVerticalExcursionM: number;
}

/** Options for `BreachTracker`. */
export interface BreachTrackerOptions {
  /** Milliseconds a zone must stay clear before its breaches end. Default 3000. */
  holdMs?: number;
}

const MESSAGES = {
  badHold: (value: unknown) => `BreachTracker: options.holdMs must be a finite number ≥ 0 ms, got ${String(value)}`,
} as const;

/**
 * Tracks open breaches for one aircraft and reports when they start and end; the constructor throws an Error when holdMs is not a finite number ≥ 0.
 * @example const events = new BreachTracker({ holdMs: 3000 }).update(evaluator.evaluate(sample)) // [{ type: 'breach:started', … }]
 */
export class BreachTracker {
  readonly #holdMs: number;
  /** Open breaches by zone id, then by limit. */
  readonly #open = new Map<string, Map<BreachEvent['limit'], BreachEvent>>();
  /** First sample time of the current clear run, for zones with open breaches. */
  readonly #clearSinceMs = new Map<string, number>();
  #lastTimeMs = -Infinity;

  constructor(options: BreachTrackerOptions = {}) {
    const { holdMs = 3000 } = options;
    if (typeof holdMs !== 'number' || !Number.isFinite(holdMs) || holdMs < 0) throw new Error(MESSAGES.badHold(holdMs));
    this.#holdMs = holdMs;
  }

  /** Snapshots of the breaches open now, in start order. */
  get openBreaches(): readonly BreachEvent[] {
    const open = [...this.#open.values()].flatMap((byLimit) => [...byLimit.values()].map((event) => ({ ...event })));
    return open.sort((a, b) => a.startedAtMs - b.startedAtMs);
  }

  /**
   * Feed the next assessment; returns the events it causes, in the assessment's zone order. An assessment
   * older than the last one is ignored (returns []), so late telemetry cannot end a breach early. Never throws.
   */
  update(assessment: PositionAssessment): BreachEvent[] {
    if (assessment.timeMs < this.#lastTimeMs) return [];
    this.#lastTimeMs = assessment.timeMs;
    const events: BreachEvent[] = [];
    for (const zone of assessment.zones) {
      if (zone.status === 'breach' && zone.limit !== null) this.#onBreach(zone, zone.limit, assessment.timeMs, events);
      else if (zone.status === 'clear') this.#onClear(zone.zoneId, assessment.timeMs, events);
      else this.#clearSinceMs.delete(zone.zoneId);
    }
    return events;
  }

  #onBreach(zone: ZoneAssessment, limit: BreachEvent['limit'], timeMs: number, events: BreachEvent[]): void {
    this.#clearSinceMs.delete(zone.zoneId);
    let byLimit = this.#open.get(zone.zoneId);
    if (!byLimit) this.#open.set(zone.zoneId, (byLimit = new Map()));
    const open = byLimit.get(limit);
    if (open) {
      open.maxHorizontalExcursionM = Math.max(open.maxHorizontalExcursionM, zone.horizontalExcursionM);
      open.maxVerticalExcursionM = Math.max(open.maxVerticalExcursionM, zone.verticalExcursionM);
      return;
    }
    const started: BreachEvent = {
      type: 'breach:started', zoneId: zone.zoneId, limit, startedAtMs: timeMs, endedAtMs: null,
      maxHorizontalExcursionM: zone.horizontalExcursionM, maxVerticalExcursionM: zone.verticalExcursionM,
    };
    byLimit.set(limit, started);
    events.push({ ...started });
  }

  #onClear(zoneId: string, timeMs: number, events: BreachEvent[]): void {
    const byLimit = this.#open.get(zoneId);
    if (!byLimit) return;
    const since = this.#clearSinceMs.get(zoneId) ?? timeMs;
    this.#clearSinceMs.set(zoneId, since);
    if (timeMs - since < this.#holdMs) return;
    for (const open of byLimit.values()) events.push({ ...open, type: 'breach:ended', endedAtMs: since });
    this.#open.delete(zoneId);
    this.#clearSinceMs.delete(zoneId);
  }
}
