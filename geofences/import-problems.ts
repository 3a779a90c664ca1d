/**
 * Shared by the zone importers: collecting every problem of a document with where it is, so one
 * Error lists them all (an authority's file is fixed in one pass, not one error at a time), and
 * reading ISO 8601 times without depending on the machine's time zone.
 */
import type { Zone } from './zone.ts';
import { zoneProblems } from './zone-problems.ts';

const MESSAGES = {
  summary: (source: string, problems: readonly string[]) =>
    `${source}: ${problems.length} problem${problems.length === 1 ? '' : 's'}, nothing imported:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
  badTime: (value: unknown) => `must be an ISO 8601 date-time with a time zone (e.g. 2026-03-01T06:00:00Z), got ${JSON.stringify(value)}`,
} as const;

/** Problems of one document, each prefixed with where it is (`features[3] ("UAS-7"): geometry[0].lowerLimit …`). */
export class ImportProblems {
  readonly #source: string;
  readonly #problems: string[] = [];

  constructor(source: string) {
    this.#source = source;
  }

  get count(): number {
    return this.#problems.length;
  }

  /** Record `problem` at `where` (a feature label) and `path` inside it (may be ''). */
  add(where: string, path: string, problem: string): void {
    this.#problems.push(`${where}: ${path === '' ? '' : `${path} `}${problem}`);
  }

  /**
   * Check a zone built from the document and record its problems, its paths rewritten to the document's own by
   * `paths` (zone path prefix → document path; the longest matching prefix wins).
   */
  addZoneProblems(where: string, zone: Zone, paths: Readonly<Record<string, string>>): void {
    const prefixes = Object.keys(paths).sort((a, b) => b.length - a.length);
    for (const { path, problem } of zoneProblems(zone)) {
      const prefix = prefixes.find((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`));
      this.add(where, prefix === undefined ? path : `${paths[prefix]}${path.slice(prefix.length)}`, problem);
    }
  }

  /** Throw one Error listing every problem, if there are any. */
  throwIfAny(): void {
    if (this.#problems.length > 0) throw new Error(MESSAGES.summary(this.#source, this.#problems));
  }
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Milliseconds since the epoch of an ISO 8601 date-time that states its zone ('Z' or ±hh:mm), or a problem string.
 * A time without a zone is refused: JavaScript would read it in the machine's local zone. Never throws.
 * @example parseIsoTime('2026-03-01T06:00:00Z') // 1772344800000
 */
export function parseIsoTime(value: unknown): number | string {
  if (typeof value !== 'string' || !ISO_DATE_TIME.test(value)) return MESSAGES.badTime(value);
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : MESSAGES.badTime(value);
}

/** A label for a feature in messages: its index, and its id when it has one. */
export function featureLabel(index: number, id: unknown): string {
  return typeof id === 'string' || typeof id === 'number' ? `features[${index}] (${JSON.stringify(id)})` : `features[${index}]`;
}
