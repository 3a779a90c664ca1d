/**
 * The replay's clock: a moment between the first recorded start and the last end, which runs at
 * 1×–60× recorded speed while playing and stops at the end. It ticks on a timer rather than
 * requestAnimationFrame so it keeps time in a background tab, and measures the real time elapsed
 * between ticks (timers drift). Times in ms since the epoch.
 */

/** The speeds offered, as multiples of recorded time. */
export const REPLAY_SPEEDS = [1, 5, 10, 30, 60] as const;

export interface ReplayClockOptions {
  /** Real time in ms; default performance.now. */
  now?: () => number;
  /** Real ms between ticks while playing; default 50 (20 updates a second). */
  tickMs?: number;
}

export class ReplayClock {
  private timeMs: number;
  private speed = 1;
  private timer: ReturnType<typeof setInterval> | null = null;
  private lastTickMs = 0;
  private readonly now: () => number;
  private readonly tickMs: number;
  private readonly listeners = new Set<(timeMs: number) => void>();

  /** Throws an Error when the span is empty or inverted. */
  constructor(readonly startMs: number, readonly endMs: number, options: ReplayClockOptions = {}) {
    if (!(endMs > startMs)) throw new Error(`ReplayClock: endMs must be after startMs, got ${startMs}–${endMs}`);
    this.timeMs = startMs;
    this.now = options.now ?? (() => performance.now());
    this.tickMs = options.tickMs ?? 50;
  }

  get time(): number {
    return this.timeMs;
  }

  get isPlaying(): boolean {
    return this.timer !== null;
  }

  get rate(): number {
    return this.speed;
  }

  /** Call `listener` with the time after every change; returns the unsubscribe function. */
  onChange(listener: (timeMs: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Play from the current moment (from the start again when at the end). */
  play(): void {
    if (this.timer) return;
    if (this.timeMs >= this.endMs) this.seek(this.startMs);
    this.lastTickMs = this.now();
    this.timer = setInterval(() => this.tick(), this.tickMs);
    this.emit();
  }

  pause(): void {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = null;
    this.emit();
  }

  /** Go to `timeMs`, kept within the span. */
  seek(timeMs: number): void {
    this.timeMs = Math.min(this.endMs, Math.max(this.startMs, timeMs));
    this.emit();
  }

  /** Play at `speed` × recorded time; throws an Error for a speed that is not positive. */
  setSpeed(speed: number): void {
    if (!(speed > 0)) throw new Error(`ReplayClock.setSpeed: speed must be > 0, got ${speed}`);
    this.speed = speed;
    this.emit();
  }

  private tick(): void {
    const nowMs = this.now();
    const elapsedMs = nowMs - this.lastTickMs;
    this.lastTickMs = nowMs;
    this.timeMs = Math.min(this.endMs, this.timeMs + elapsedMs * this.speed);
    if (this.timeMs >= this.endMs) this.pause();
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener(this.timeMs);
  }
}
