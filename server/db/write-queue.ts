/**
 * Ordered write-behind for the ingest path: flights, telemetry, violations and alerts are
 * written in rounds, one transaction each: a round's statements in the order they happened,
 * then its telemetry rows in one insert — so a telemetry row never precedes its flight, and a
 * statement between positions (an alert, a violation) does not split the telemetry into many
 * small inserts. A failed round stays at the head of the queue and is retried with back-off, so a
 * database outage loses nothing.
 *
 * A write the database refuses (a data exception or an integrity violation, SQLSTATE classes 22 and
 * 23 — a position of a flight deleted meanwhile, say) would fail on every retry and hold everything
 * behind it for ever. So a refused round is halved until the one refused write is alone at the head;
 * that write is set aside (logged as an error with what it was, counted in `refusedWrites`; a
 * position stays in its flight's .tlog) and everything else is written.
 *
 * Memory is bounded: past `memoryRows` telemetry rows held in memory, further rows go to the
 * on-disk `TelemetrySpool` and a marker takes their place in the queue (statements — flights,
 * violations, alerts — are rare and always stay in memory), so the order holds across
 * memory → disk → memory. When the spool is full too, telemetry is dropped, counted and logged
 * as an error, and `statistics.spoolFull` says so until rows are stored again.
 *
 * Longer than 200 lines on purpose: ordering, retrying and overflowing are one mechanism (a spooled
 * run is a place in the same queue); the file I/O of the overflow lives in telemetry-spool.ts.
 */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { TelemetryRecord } from '../services/ingest-store.ts';
import type { TelemetrySpool } from './telemetry-spool.ts';

const INSERT_TELEMETRY = `INSERT INTO telemetry (flight_id, recorded_at, position, altitude_msl_m, altitude_relative_m, ground_speed_mps, climb_rate_mps, heading_deg, fence_status)
  SELECT f, to_timestamp(t / 1000.0), ST_SetSRID(ST_MakePoint(x, y), 4326), a, r, g, c, h, s
  FROM jsonb_to_recordset(?::jsonb) AS row(f uuid, t double precision, x double precision, y double precision, a double precision,
    r double precision, g double precision, c double precision, h double precision, s text)`;

type QueuedWrite =
  | { kind: 'telemetry'; row: TelemetryRecord }
  | { kind: 'spooled'; count: number }
  | { kind: 'statement'; label: string; run: (knex: Knex) => Promise<unknown> };

/** The database's reason alone: knex puts the statement before it ("INSERT INTO … - <reason>"). */
function reasonOf(error: Error): string {
  const cut = error.message.lastIndexOf(' - ');
  return cut > 0 && /^\s*(insert|update|delete|select|with)\b/i.test(error.message) ? error.message.slice(cut + 3) : error.message;
}

/** Whether the database refused a write for what it is (SQLSTATE class 22 data exception, 23 integrity violation), so retrying cannot help. */
function isRefusal(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code);
}

export interface WriteQueueOptions {
  /** Called before every database write (the flight logs write their gathered records: a stored position is always in its .tlog). */
  beforeWrite?: () => void;
  /** Most telemetry rows in one insert (default 500). */
  batchSize?: number;
  /** Longest a write waits before the queue drains (default 250 ms). */
  flushMs?: number;
  /** First retry delay after a failed write; doubles up to 5 s (default 200 ms). */
  retryDelayMs?: number;
  /** Telemetry rows held in memory before they overflow to `spool` (default 100,000). */
  memoryRows?: number;
  /** Where telemetry overflows; null → rows past `memoryRows` are dropped and counted (default null). */
  spool?: TelemetrySpool | null;
  /** For the time the database became unreachable (default Date.now). */
  clock?: () => number;
}

/** What the queue holds and how the database is doing, for health and metrics. */
export interface WriteQueueStatistics {
  /** Writes waiting: statements and telemetry rows, in memory and on disk. */
  queued: number;
  telemetryRowsWritten: number;
  failedAttempts: number;
  /** Telemetry rows waiting in memory. */
  memoryRows: number;
  /** Telemetry rows waiting in the on-disk spool, and its size. */
  spooledRows: number;
  spoolBytes: number;
  /** Telemetry rows ever sent to the on-disk spool. */
  spilledTelemetryRows: number;
  /** Telemetry rows dropped because memory and spool were both full (never silently: logged as errors). */
  droppedTelemetryRows: number;
  /** True from a dropped row until rows are stored or accepted again (the spool is full). */
  spoolFull: boolean;
  /** False from a failed write until the next successful one. */
  databaseReachable: boolean;
  unreachableSinceMs: number | null;
  lastError: string | null;
  /** Writes the database refused and that were set aside (each logged as an error). */
  refusedWrites: number;
  /** The last of them: what it was and why, e.g. "telemetry of flight … at …: insert … violates foreign key constraint …". */
  lastRefusal: string | null;
}

const MAX_RETRY_DELAY_MS = 5000;
/** Most statements in one round (they are small; a burst of alerts needs no more than a few rounds). */
const MAX_STATEMENTS_PER_ROUND = 200;
/** While dropping, one error log per this many dropped rows (the first is always logged). */
const DROP_LOG_EVERY = 1000;

/** Ordered, batched, retrying, spooling writer; `flush()` resolves when everything queued so far is stored. */
export class WriteQueue {
  private readonly pending: QueuedWrite[] = [];
  private readonly batchSize: number;
  private readonly beforeWrite: () => void;
  private readonly flushMs: number;
  private readonly retryDelayMs: number;
  private readonly memoryRows: number;
  private readonly spool: TelemetrySpool | null;
  private readonly clock: () => number;
  private timer: NodeJS.Timeout | null = null;
  private draining: Promise<void> | null = null;
  private failures = 0;
  private writtenTelemetryRecords = 0;
  private telemetryInMemory = 0;
  private spilled = 0;
  private dropped = 0;
  private full = false;
  private unreachableSinceMs: number | null = null;
  private lastError: string | null = null;
  private outage: { backAtMs: number; queuedAtReturn: number } | null = null;
  /** Writes in the round being written (statements and rows). */
  private attempted = 0;
  /** While a refused write is being looked for: the most writes in a round, and how many of those at the head are suspect. */
  private roundLimit = Infinity;
  private suspects = 0;
  private refused = 0;
  private lastRefusal: string | null = null;

  constructor(
    private readonly knex: Knex,
    private readonly logger: Logger,
    options: WriteQueueOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.beforeWrite = options.beforeWrite ?? (() => {});
    this.flushMs = options.flushMs ?? 250;
    this.retryDelayMs = options.retryDelayMs ?? 200;
    this.memoryRows = options.memoryRows ?? 100_000;
    this.spool = options.spool ?? null;
    this.clock = options.clock ?? Date.now;
  }

  /** Queue one telemetry row: in memory, else on the spool, else dropped (counted, logged). */
  addTelemetry(row: TelemetryRecord): void {
    if (this.telemetryInMemory < this.memoryRows) {
      this.pending.push({ kind: 'telemetry', row });
      this.telemetryInMemory += 1;
    } else if (this.spool?.append(row)) {
      const tail = this.pending[this.pending.length - 1];
      if (tail?.kind === 'spooled') tail.count += 1;
      else this.pending.push({ kind: 'spooled', count: 1 });
      this.spilled += 1;
    } else {
      this.drop(row);
      return;
    }
    this.hasRoomAgain();
    this.schedule(this.telemetryInMemory >= this.batchSize ? 0 : this.flushMs);
  }

  /** Queue one statement, run in order with everything else. */
  add(label: string, run: (knex: Knex) => Promise<unknown>): void {
    this.pending.push({ kind: 'statement', label, run });
    this.schedule(this.flushMs);
  }

  /** Counts for health and metrics. */
  get statistics(): WriteQueueStatistics {
    const spooledRows = this.spool?.rows ?? 0;
    return {
      queued: this.pending.filter((write) => write.kind !== 'spooled').length + spooledRows,
      telemetryRowsWritten: this.writtenTelemetryRecords,
      failedAttempts: this.failures,
      memoryRows: this.telemetryInMemory,
      spooledRows,
      spoolBytes: this.spool?.bytes ?? 0,
      spilledTelemetryRows: this.spilled,
      droppedTelemetryRows: this.dropped,
      spoolFull: this.full,
      databaseReachable: this.unreachableSinceMs === null,
      unreachableSinceMs: this.unreachableSinceMs,
      lastError: this.lastError,
      refusedWrites: this.refused,
      lastRefusal: this.lastRefusal,
    };
  }

  /** Write everything queued so far (waits for as long as the database is away). */
  async flush(): Promise<void> {
    while (this.pending.length > 0 || this.draining) {
      await (this.draining ?? this.drain());
    }
  }

  /** Close the spool file; call after `flush()`. */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await this.spool?.close();
  }

  private drop(row: TelemetryRecord): void {
    this.dropped += 1;
    if (!this.full || this.dropped % DROP_LOG_EVERY === 0) {
      this.logger.error(
        { dropped: this.dropped, flightId: row.flightId, memoryRows: this.telemetryInMemory, spoolBytes: this.spool?.bytes ?? 0, spoolFile: this.spool?.file ?? null },
        'spool:full — telemetry spool is full; positions are being dropped',
      );
    }
    this.full = true;
  }

  /** Rows were stored (or accepted): the spool is no longer full. */
  private hasRoomAgain(): void {
    if (!this.full) return;
    this.full = false;
    this.logger.warn({ dropped: this.dropped }, 'telemetry spool has room again');
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
      try {
        await this.writeHead();
        this.succeeded();
        delayMs = this.retryDelayMs;
      } catch (error) {
        if (isRefusal(error)) {
          await this.isolateRefused(error as Error);
          continue;
        }
        // Kept at the head and retried: the queue never drops an accepted write the database would take.
        this.failed(error as Error);
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        delayMs = Math.min(delayMs * 2, MAX_RETRY_DELAY_MS);
      }
    }
    if (this.outage) {
      this.logger.info({ drainMs: this.clock() - this.outage.backAtMs, queuedAtReturn: this.outage.queuedAtReturn }, 'write backlog drained after the database came back');
      this.outage = null;
    }
  }

  /** Write the head of the queue: a spooled run, or a round of what is in memory up to the next spooled run. */
  private async writeHead(): Promise<void> {
    this.beforeWrite();
    const head = this.pending[0]!;
    if (head.kind === 'spooled') {
      const rows = await this.spool!.peek(Math.min(head.count, this.batchSize, this.roundLimit));
      this.attempted = rows.length;
      await this.insertTelemetry(this.knex, rows);
      await this.spool!.commit(rows.length);
      head.count -= rows.length;
      if (head.count === 0) this.pending.shift();
      this.writtenTelemetryRecords += rows.length;
      this.hasRoomAgain();
    } else {
      await this.writeRound();
    }
  }

  /**
   * One round from the head, up to the next spooled run, `batchSize` telemetry rows,
   * MAX_STATEMENTS_PER_ROUND statements or `roundLimit` writes: the statements in order, then the telemetry rows, in one
   * transaction. Statements before the telemetry they were queued among is safe: rows only refer to
   * their flight (opened by a statement queued before them), and no statement reads telemetry.
   */
  private async writeRound(): Promise<void> {
    const statements: Array<Extract<QueuedWrite, { kind: 'statement' }>> = [];
    const rows: TelemetryRecord[] = [];
    let taken = 0;
    for (; taken < this.pending.length && taken < this.roundLimit; taken += 1) {
      const write = this.pending[taken]!;
      if (write.kind === 'spooled') break;
      if (write.kind === 'telemetry') {
        if (rows.length === this.batchSize) break;
        rows.push(write.row);
      } else {
        if (statements.length === MAX_STATEMENTS_PER_ROUND) break;
        statements.push(write);
      }
    }
    this.attempted = taken;
    if (statements.length === 0) {
      await this.insertTelemetry(this.knex, rows);
    } else if (statements.length === 1 && rows.length === 0) {
      await statements[0]!.run(this.knex);
    } else {
      await this.knex.transaction(async (transaction) => {
        for (const statement of statements) await statement.run(transaction);
        if (rows.length > 0) await this.insertTelemetry(transaction, rows);
      });
    }
    this.pending.splice(0, taken);
    if (rows.length > 0) {
      this.telemetryInMemory -= rows.length;
      this.writtenTelemetryRecords += rows.length;
      this.hasRoomAgain();
    }
  }

  /**
   * The database refused the round just tried. Several writes: the next round takes the first half
   * of them (bisection: a round that then succeeds clears its share of suspicion). One: it is the
   * refused write, set aside, and rounds are whole again.
   */
  private async isolateRefused(error: Error): Promise<void> {
    if (this.attempted > 1) {
      this.suspects = this.attempted;
      this.roundLimit = Math.ceil(this.attempted / 2);
      return;
    }
    const head = this.pending[0]!;
    let what: string;
    if (head.kind === 'statement') {
      this.pending.shift();
      what = head.label;
    } else {
      let row: TelemetryRecord;
      if (head.kind === 'telemetry') {
        this.pending.shift();
        this.telemetryInMemory -= 1;
        row = head.row;
      } else {
        [row] = (await this.spool!.peek(1)) as [TelemetryRecord];
        await this.spool!.commit(1);
        head.count -= 1;
        if (head.count === 0) this.pending.shift();
      }
      what = `telemetry of flight ${row.flightId} at ${new Date(row.recordedAtMs).toISOString()}`;
    }
    const reason = reasonOf(error);
    this.refused += 1;
    this.lastRefusal = `${what}: ${reason}`;
    this.suspects = 0;
    this.roundLimit = Infinity;
    this.logger.error({ write: what, reason, code: (error as { code?: string }).code, refusedWrites: this.refused }, 'write refused by the database and set aside (a position stays in its flight\'s .tlog); the writes behind it go on');
  }

  private failed(error: Error): void {
    this.failures += 1;
    this.lastError = error.message;
    if (this.unreachableSinceMs === null) {
      this.unreachableSinceMs = this.clock();
      this.logger.error({ err: error, queued: this.statistics.queued }, 'database write failed: writes are held (memory, then the spool) and retried');
    } else {
      this.logger.warn({ err: error, queued: this.statistics.queued, since: new Date(this.unreachableSinceMs).toISOString() }, 'database write failed again; retrying');
    }
  }

  private succeeded(): void {
    if (this.suspects > 0) {
      this.suspects -= this.attempted;
      if (this.suspects <= 0) this.roundLimit = Infinity;
    }
    if (this.unreachableSinceMs === null) return;
    const nowMs = this.clock();
    const queued = this.statistics.queued;
    this.logger.warn({ outageMs: nowMs - this.unreachableSinceMs, queued, spooledRows: this.spool?.rows ?? 0 }, 'database writes succeed again; draining the backlog');
    this.outage = { backAtMs: nowMs, queuedAtReturn: queued };
    this.unreachableSinceMs = null;
    this.lastError = null;
  }

  /**
   * One INSERT for `rows` with a single parameter, the rows as JSON (jsonb_to_recordset): a bound
   * parameter and a raw expression per value cost knex and pg more CPU than the database's work
   * (a 500-row insert had 4,500 parameters). Rows keep their order, so their ids follow arrival.
   */
  private async insertTelemetry(db: Knex | Knex.Transaction, rows: readonly TelemetryRecord[]): Promise<void> {
    const json = JSON.stringify(rows.map((row) => ({
      f: row.flightId, t: row.recordedAtMs, x: row.lon, y: row.lat, a: row.altitudeMslM, r: row.altitudeRelativeM,
      g: row.groundSpeedMps, c: row.climbRateMps, h: row.headingDeg, s: row.fenceStatus,
    })));
    await db.raw(INSERT_TELEMETRY, [json]);
  }
}
