/**
 * A flight's altitude profile in SVG (or several flights', replayed together): height above home against time, under the corridor's
 * ceiling, inside the booking's band when it has one, with each violation's span shaded and the
 * replay's moment as a cursor. Clicking the profile moves the replay there. Heights are metres
 * above the aircraft's home point (the stored relative altitude; there is no terrain data), so an
 * MSL limit is drawn at its height above home, which the legend says.
 */
import type { TelemetrySampleView, ViolationView } from '../server/contracts/index.ts';
import { formatClock } from './review-format.ts';

export interface ProfileLimits {
  /** The corridor's ceiling, metres above home; null outside every corridor. */
  ceilingM: number | null;
  /** The booking's band, metres above home; null when unbooked. */
  band: { minM: number; maxM: number } | null;
}

/** One flight's line on the profile; `colour` when several flights share it. */
export interface ProfileSeries {
  samples: readonly TelemetrySampleView[];
  colour?: string;
}

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 1000;
const HEIGHT = 240;
const MARGIN = { left: 52, right: 12, top: 12, bottom: 28 };

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** A round step for about `count` grid lines over `range`: 1, 2 or 5 × a power of ten. */
function niceStep(range: number, count: number): number {
  const raw = range / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((factor) => factor * power).find((step) => step >= raw) ?? raw;
}

export class FlightProfile {
  private readonly root = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'altitude-profile', role: 'img' });
  private readonly cursor = svg('line', { class: 'profile-cursor', y1: MARGIN.top, y2: HEIGHT - MARGIN.bottom });
  private startMs = 0;
  private endMs = 1;

  constructor(host: HTMLElement, onSeek: (timeMs: number) => void) {
    host.replaceChildren(this.root);
    this.root.addEventListener('click', (event) => {
      const box = this.root.getBoundingClientRect();
      const x = ((event.clientX - box.left) / box.width) * WIDTH;
      if (x >= MARGIN.left && x <= WIDTH - MARGIN.right) onSeek(this.timeAt(x));
    });
  }

  /** Draw each series' samples (oldest first) from `startMs` to `endMs` against `limits`, with `violations` shaded. */
  show(series: readonly ProfileSeries[], startMs: number, endMs: number, limits: ProfileLimits, violations: readonly ViolationView[]): void {
    const samples = series.flatMap((one) => one.samples);
    this.startMs = startMs;
    this.endMs = Math.max(endMs, startMs + 1);
    const highest = Math.max(10, limits.ceilingM ?? 0, limits.band?.maxM ?? 0, ...samples.map((sample) => sample.altitudeRelativeM));
    const top = highest * 1.12;
    const y = (altitudeM: number) => HEIGHT - MARGIN.bottom - (Math.max(0, altitudeM) / top) * (HEIGHT - MARGIN.top - MARGIN.bottom);
    const parts: SVGElement[] = [];
    const step = niceStep(top, 5);
    for (let altitude = 0; altitude <= top; altitude += step) {
      parts.push(svg('line', { class: 'profile-grid', x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(altitude), y2: y(altitude) }));
      parts.push(svg('text', { class: 'profile-axis', x: MARGIN.left - 6, y: y(altitude) + 4, 'text-anchor': 'end' }, `${altitude} m`));
    }
    for (let tick = 0; tick <= 4; tick++) {
      const x = MARGIN.left + (tick / 4) * (WIDTH - MARGIN.left - MARGIN.right);
      parts.push(svg('text', { class: 'profile-axis', x, y: HEIGHT - 8, 'text-anchor': tick === 0 ? 'start' : tick === 4 ? 'end' : 'middle' }, formatClock(this.timeAt(x))));
    }
    if (limits.band) {
      parts.push(svg('rect', { class: 'profile-band', x: MARGIN.left, width: WIDTH - MARGIN.left - MARGIN.right, y: y(limits.band.maxM), height: Math.max(1, y(limits.band.minM) - y(limits.band.maxM)) }));
    }
    for (const violation of violations) {
      const x1 = this.xAt(violation.startedAtMs);
      const x2 = this.xAt(violation.endedAtMs ?? this.endMs);
      parts.push(svg('rect', { class: `profile-violation is-${violation.limit}`, x: x1, width: Math.max(2, x2 - x1), y: MARGIN.top, height: HEIGHT - MARGIN.top - MARGIN.bottom, 'data-violation-id': violation.id }));
    }
    if (limits.ceilingM !== null) {
      parts.push(svg('line', { class: 'profile-ceiling', x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(limits.ceilingM), y2: y(limits.ceilingM) }));
      parts.push(svg('text', { class: 'profile-ceiling-label', x: WIDTH - MARGIN.right - 4, y: y(limits.ceilingM) - 4, 'text-anchor': 'end' }, `ceiling ${Math.round(limits.ceilingM)} m`));
    }
    for (const one of series) {
      const points = one.samples.map((sample) => `${this.xAt(sample.recordedAtMs).toFixed(1)},${y(sample.altitudeRelativeM).toFixed(1)}`).join(' ');
      parts.push(svg('polyline', { class: 'profile-altitude', points, ...(one.colour ? { style: `stroke: ${one.colour}` } : {}) }));
    }
    this.root.replaceChildren(...parts, this.cursor);
    this.root.setAttribute('aria-label', `Altitude above home from ${formatClock(startMs)} to ${formatClock(endMs)} UTC`);
  }

  /** Move the cursor to `timeMs`. */
  setCursor(timeMs: number): void {
    const x = this.xAt(timeMs).toFixed(1);
    this.cursor.setAttribute('x1', x);
    this.cursor.setAttribute('x2', x);
  }

  private xAt(timeMs: number): number {
    const fraction = Math.min(1, Math.max(0, (timeMs - this.startMs) / (this.endMs - this.startMs)));
    return MARGIN.left + fraction * (WIDTH - MARGIN.left - MARGIN.right);
  }

  private timeAt(x: number): number {
    return this.startMs + ((x - MARGIN.left) / (WIDTH - MARGIN.left - MARGIN.right)) * (this.endMs - this.startMs);
  }
}
