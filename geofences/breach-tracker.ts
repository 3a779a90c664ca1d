/**
 * Breach lifecycle for one aircraft: turns a stream of position assessments into events with
 * hysteresis, so a track along an edge does not flap. The clock is `assessment.timeMs`; nothing
 * here reads the time itself.
 *
 * - An episode of a zone starts on its first sample that is not 'clear' and ends once the zone has
 *   been 'clear' on every sample for at least holdMs ('approaching' and 'predicted' are not clear;
 *   a zone the assessment leaves out, as `report: 'near'` does, is clear).
 * - 'zone:approaching' and 'breach:predicted' are announced once per episode for each (zone, limit);
 *   neither while a breach of that zone is open.
 * - A breach is keyed by (zoneId, limit): 'breach:started' on the first sample with status 'breach',
 *   'breach:ended' when its zone's episode ends (endedAtMs is the first sample of the clear run;
 *   every open limit of the zone ends together). While open it keeps the largest horizontal and
 *   vertical excursion and the samples that prove it (breach-evidence.ts).
 */
import { BreachEvidence } from './breach-evidence.ts';
import type { PositionAssessment, PositionSample, ZoneAssessment } from './position-assessment.ts';

/** Kind of breach lifecycle event. */
export type BreachEventType = 'breach:started' | 'breach:ended' | 'breach:predicted' | 'zone:approaching';

/**
 * One lifecycle event of one limit of one zone; times in ms from the assessments, excursions in metres. For
 * 'zone:approaching' and 'breach:predicted', startedAtMs is the sample's time and the excursions are 0.
 */
export interface BreachEvent {
  type: BreachEventType;
  zoneId: string;
  limit: 'horizontal' | 'ceiling' | 'floor';
  startedAtMs: number;
  endedAtMs: number | null;
  maxHorizontalExcursionM: number;
  maxVerticalExcursionM: number;
  /** Evidence, in time order: for a breach the first sample in breach, the deepest, the last in breach, the first clear one after (on 'breach:ended') and a thinned track between, at most 50; otherwise the sample that raised the event. */
  samples: PositionSample[];
  /** 'breach:predicted' only: seconds from the sample to the predicted breach; null for the other types. */
  inSeconds: number | null;
}

/** Options for `BreachTracker`. */
export interface BreachTrackerOptions {
  /** Milliseconds a zone must stay clear before its breaches (and its episode) end. Default 3000. */
  holdMs?: number;
}

const MESSAGES = {
  badHold: (value: unknown) => `BreachTracker: options.holdMs must be a finite number ≥ 0 ms, got ${String(value)}`,
} as const;

type Limit = BreachEvent['limit'];

interface OpenBreach {
  event: BreachEvent;
  evidence: BreachEvidence;
}

/** The state of one zone while its episode lasts. */
interface Episode {
  breaches: Map<Limit, OpenBreach>;
  /** `${type}/${limit}` of the approaching/predicted events already announced this episode. */
  announced: Set<string>;
  /** Time of the first sample of the current clear run, or null while the zone is not clear. */
  clearSinceMs: number | null;
}

const depthOf = (zone: ZoneAssessment, limit: Limit): number => (limit === 'horizontal' ? zone.horizontalExcursionM : zone.verticalExcursionM);

/**
 * Tracks episodes and open breaches for one aircraft and reports their events; the constructor throws an Error when holdMs is not a finite number ≥ 0.
 * @example const events = new BreachTracker({ holdMs: 3000 }).update(evaluator.evaluate(sample)) // [{ type: 'breach:started', … }]
 */
export class BreachTracker {
  readonly #holdMs: number;
  readonly #episodes = new Map<string, Episode>();
  #lastTimeMs = -Infinity;

  constructor(options: BreachTrackerOptions = {}) {
    const { holdMs = 3000 } = options;
    if (typeof holdMs !== 'number' || !Number.isFinite(holdMs) || holdMs < 0) throw new Error(MESSAGES.badHold(holdMs));
    this.#holdMs = holdMs;
  }

  /** Snapshots of the breaches open now, in start order, with their evidence so far. */
  get openBreaches(): readonly BreachEvent[] {
    const open = [...this.#episodes.values()].flatMap((episode) => [...episode.breaches.values()].map((breach) => snapshot(breach)));
    return open.sort((a, b) => a.startedAtMs - b.startedAtMs);
  }

  /**
   * Feed the next assessment; returns the events it causes, in the assessment's zone order. An assessment
   * older than the last one is ignored (returns []), so late telemetry cannot end a breach early. Never throws.
   */
  update(assessment: PositionAssessment): BreachEvent[] {
    if (assessment.timeMs < this.#lastTimeMs) return [];
    this.#lastTimeMs = assessment.timeMs;
    const { timeMs } = assessment;
    // Assessments built by hand (not by an evaluator) may lack the sample: the evidence then holds only the time.
    const sample = assessment.sample ?? { lon: NaN, lat: NaN, altitudeMslM: NaN, altitudeAglM: NaN, timeMs };
    const events: BreachEvent[] = [];
    const listed = new Set<string>();
    for (const zone of assessment.zones) {
      listed.add(zone.zoneId);
      if (zone.status === 'clear' || zone.limit === null) {
        this.#onClear(zone.zoneId, sample, timeMs, events);
        continue;
      }
      let episode = this.#episodes.get(zone.zoneId);
      if (!episode) this.#episodes.set(zone.zoneId, (episode = { breaches: new Map(), announced: new Set(), clearSinceMs: null }));
      episode.clearSinceMs = null;
      if (zone.status === 'breach') this.#onBreach(episode, zone, zone.limit, sample, timeMs, events);
      else if (episode.breaches.size === 0) this.#announce(episode, zone, zone.limit, sample, assessment, events);
    }
    // An evaluator compiled with report: 'near' leaves out exclusion zones that are clear and beyond their margin.
    for (const zoneId of [...this.#episodes.keys()]) if (!listed.has(zoneId)) this.#onClear(zoneId, sample, timeMs, events);
    return events;
  }

  #announce(episode: Episode, zone: ZoneAssessment, limit: Limit, sample: PositionSample, assessment: PositionAssessment, events: BreachEvent[]): void {
    const type = zone.status === 'predicted' ? 'breach:predicted' : 'zone:approaching';
    const key = `${type}/${limit}`;
    if (episode.announced.has(key)) return;
    episode.announced.add(key);
    const inSeconds = type === 'breach:predicted'
      ? (assessment.predicted?.find((p) => p.zoneId === zone.zoneId)?.inSeconds ?? null)
      : null;
    events.push({
      type, zoneId: zone.zoneId, limit, startedAtMs: assessment.timeMs, endedAtMs: null,
      maxHorizontalExcursionM: 0, maxVerticalExcursionM: 0, samples: [structuredClone(sample)], inSeconds,
    });
  }

  #onBreach(episode: Episode, zone: ZoneAssessment, limit: Limit, sample: PositionSample, timeMs: number, events: BreachEvent[]): void {
    const open = episode.breaches.get(limit);
    if (open) {
      open.event.maxHorizontalExcursionM = Math.max(open.event.maxHorizontalExcursionM, zone.horizontalExcursionM);
      open.event.maxVerticalExcursionM = Math.max(open.event.maxVerticalExcursionM, zone.verticalExcursionM);
      open.evidence.addBreach(sample, depthOf(zone, limit));
      return;
    }
    const breach: OpenBreach = {
      event: {
        type: 'breach:started', zoneId: zone.zoneId, limit, startedAtMs: timeMs, endedAtMs: null,
        maxHorizontalExcursionM: zone.horizontalExcursionM, maxVerticalExcursionM: zone.verticalExcursionM, samples: [], inSeconds: null,
      },
      evidence: new BreachEvidence(sample, depthOf(zone, limit)),
    };
    episode.breaches.set(limit, breach);
    events.push(snapshot(breach));
  }

  #onClear(zoneId: string, sample: PositionSample, timeMs: number, events: BreachEvent[]): void {
    const episode = this.#episodes.get(zoneId);
    if (!episode) return;
    if (episode.clearSinceMs === null) {
      episode.clearSinceMs = timeMs;
      for (const breach of episode.breaches.values()) breach.evidence.setFirstClear(sample);
    }
    const sinceMs = episode.clearSinceMs;
    if (timeMs - sinceMs < this.#holdMs) return;
    for (const breach of episode.breaches.values()) events.push({ ...snapshot(breach), type: 'breach:ended', endedAtMs: sinceMs });
    this.#episodes.delete(zoneId);
  }
}

function snapshot({ event, evidence }: OpenBreach): BreachEvent {
  return { ...event, samples: evidence.samples() };
}
