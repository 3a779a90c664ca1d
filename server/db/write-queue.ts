/**
 * Ordered write-behind for the ingest path: flights, telemetry, violations and alerts are
 * written in the order they happened (so a telemetry row never precedes its flight), with
 * consecutive telemetry rows folded into one multi-row insert. A failed write stays at the
 * head of the queue and is retried with back-off, so a database hiccup loses nothing.
 */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { TelemetryRecord } from '../services/ingest-store.ts';


type QueuedWrite =
  | { kind: 'telemetry'; row: TelemetryRecord }
  | { kind: 'statement'; label: string; run: (knex: Knex) => Promise<unknown> };

export interface WriteQueueOptions {
  /** Most telemetry rows in one insert (default 500). */
  batchSize?: number;
  /** Longest a write waits before the queue drains (default 250 ms). */
  flushMs?: number;
  /** First retry delay after a failed write; doubles up to 5 s (default 200 ms). */
  retryDelayMs?: number;
}

const MAX_RETRY_DELAY_MS = 5000;

/** Ordered, batched, retrying writer; `flush()` resolves when everything queued so far is stored. */
export class WriteQueue {
  private readonly pending: QueuedWrite[] = [];
  private readonly batchSize: number;
  private readonly flushMs: number;
  private readonly retryDelayMs: number;
  private timer: NodeJS.Timeout | null = null;
  private draining: Promise<void> | null = null;
  private failures = 0;
  private writtenTelemetryRecords = 0;

  constructor(
    private readonly knex: Knex,
    private readonly logger: Logger,
    options: WriteQueueOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.flushMs = options.flushMs ?? 250;
    this.retryDelayMs = options.retryDelayMs ?? 200;
  }

  /** Queue one telemetry row. */
  addTelemetry(row: TelemetryRecord): void {
    this.pending.push({ kind: 'telemetry', row });
    this.schedule(this.pending.length >= this.batchSize ? 0 : this.flushMs);
  }

  /** Queue one statement, run in order with everything else. */
  add(label: string, run: (knex: Knex) => Promise<unknown>): void {
    this.pending.push({ kind: 'statement', label, run });
    this.schedule(this.flushMs);
  }

  /** Counts for health and metrics. */
  get statistics(): { queued: number; telemetryRowsWritten: number; failedAttempts: number } {
    return { queued: this.pending.length, telemetryRowsWritten: this.writtenTelemetryRecords, failedAttempts: this.failures };
  }

  /** Write everything queued so far. */
  async flush(): Promise<void> {
    while (this.pending.length > 0 || this.draining) {
      await (this.draining ?? this.drain());
    }
  }

  private schedule(delayMs: number): void {
    if (this.draining) return;
    if (this.timer && delayMs > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.drain();
    }, delayMs);
  }

  private drain(): Promise<void> {
    if (this.draining) return this.draining;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.draining = this.drainLoop().finally(() => {
      this.draining = null;
      if (this.pending.length > 0) this.schedule(this.flushMs);
    });
    return this.draining;
  }

  private async drainLoop(): Promise<void> {
    let delayMs = this.retryDelayMs;
    while (this.pending.length > 0) {
      const count = this.leadingTelemetryCount();
      try {
        if (count > 0) {
          await this.insertTelemetry(this.pending.slice(0, count).map((write) => (write as { row: TelemetryRecord }).row));
          this.pending.splice(0, count);
          this.writtenTelemetryRecords += count;
        } else {
          const write = this.pending[0] as Extract<QueuedWrite, { kind: 'statement' }>;
          await write.run(this.knex);
          this.pending.shift();
        }
        delayMs = this.retryDelayMs;
      } catch (error) {
        // Kept at the head and retried: the queue never drops an accepted write.
        this.failures += 1;
        this.logger.warn({ err: error, queued: this.pending.length }, 'database write failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        delayMs = Math.min(delayMs * 2, MAX_RETRY_DELAY_MS);
      }
    }
  }

  private leadingTelemetryCount(): number {
    let count = 0;
    while (count < this.batchSize && this.pending[count]?.kind === 'telemetry') count += 1;
    return count;
  }

  private async insertTelemetry(rows: TelemetryRecord[]): Promise<void> {
    await this.knex('telemetry').insert(
      rows.map((row) => ({
        flight_id: row.flightId,
        recorded_at: new Date(row.recordedAtMs),
        position: this.knex.raw('ST_SetSRID(ST_MakePoint(?, ?), 4326)', [row.lon, row.lat]),
        altitude_msl_m: row.altitudeMslM,
        altitude_relative_m: row.altitudeRelativeM,
        ground_speed_mps: row.groundSpeedMps,
        climb_rate_mps: row.climbRateMps,
        heading_deg: row.headingDeg,
        fence_status: row.fenceStatus,
      })),
    );
  }
}
