/**
 * The platform's Prometheus metrics (prom-client), served at GET /metrics. The registry does no I/O:
 * at each scrape, `collect()` callbacks read the statistics the platform keeps anyway (each link's
 * MAVLink counts, the ingest's message and position counts, the write queue's figures, the live
 * clients); only two things are observed as they happen — each fence evaluation (a timing hook in
 * ingest) and each database query (knex's `query` / `query-response` / `query-error` events).
 */
import type { EventEmitter } from 'node:events';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { LinkView } from '../contracts/index.ts';
import type { WriteQueueStatistics } from '../db/write-queue.ts';

/** What the metrics read at scrape time; every function is cheap and side-effect free. */
export interface MetricsSources {
  /** Each MAVLink link with its counts since start (describeLink). */
  links(): readonly LinkView[];
  /** The ingest's counts since start. */
  ingest(): Readonly<{ messages: number; positions: number }>;
  /** The write queue's figures (`WriteQueue.statistics`): depth, rows written, failures, the spool. */
  writeQueue(): Readonly<Pick<WriteQueueStatistics, 'queued' | 'telemetryRowsWritten' | 'failedAttempts' | 'memoryRows' | 'spooledRows' | 'spoolBytes'
    | 'spilledTelemetryRows' | 'droppedTelemetryRows' | 'spoolFull' | 'databaseReachable' | 'refusedWrites'>>;
  /** Signed-in Socket.IO clients connected now. */
  connectedClients(): number;
}

/** knex's query events (`query`, `query-response`, `query-error`): the knex instance, an EventEmitter. */
export type QueryEventSource = Pick<EventEmitter, 'on' | 'off'>;

interface QueryEvent {
  __knexQueryUid?: string;
  method?: string;
}

export interface PlatformMetricsOptions {
  /** Also export Node's process metrics (CPU, memory, event-loop lag, GC); default true. */
  processMetrics?: boolean;
  /** Stamps query start and end for the latency histogram (ms; default `performance.now`). */
  timerMs?: () => number;
}

/** Fence evaluations take microseconds (BENCHMARKS.md: ~100,000/s per core), so the buckets start at 1 µs. */
const FENCE_BUCKETS_S = [1e-6, 2.5e-6, 5e-6, 1e-5, 2.5e-5, 5e-5, 1e-4, 2.5e-4, 5e-4, 1e-3, 5e-3];
const QUERY_BUCKETS_S = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Queries still unanswered after this long stop being tracked (a lost event must not grow the map for ever). */
const QUERY_FORGET_AFTER_MS = 10 * 60_000;

const OPERATIONS = new Set(['insert', 'update', 'del', 'select', 'first', 'pluck', 'raw']);
/** The query's kind for the `operation` label: insert, update, del, select, raw (knex's own method names), else other. */
function operationOf(method: string | undefined): string {
  if (method === 'first' || method === 'pluck') return 'select';
  return method !== undefined && OPERATIONS.has(method) ? method : 'other';
}

/** Prometheus metrics of one running platform. Call `close()` when the platform stops. */
export class PlatformMetrics {
  readonly registry = new Registry();
  private readonly fenceEvaluation: Histogram;
  private readonly queryDuration: Histogram<'operation' | 'outcome'>;
  private readonly queriesStarted = new Map<string, { atMs: number; operation: string }>();
  private readonly timerMs: () => number;
  private detachQueries: () => void = () => undefined;

  constructor(sources: MetricsSources, options: PlatformMetricsOptions = {}) {
    const registers = [this.registry];
    this.timerMs = options.timerMs ?? (() => performance.now());
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry });
    this.fenceEvaluation = new Histogram({
      name: 'corridor_fence_evaluation_seconds', help: 'Time to check one position against its corridor’s zones (look-ahead included)',
      buckets: FENCE_BUCKETS_S, registers,
    });
    this.queryDuration = new Histogram({
      name: 'corridor_database_query_seconds', help: 'Database query time, from sending the statement to its answer (insert = telemetry and event writes)',
      labelNames: ['operation', 'outcome'], buckets: QUERY_BUCKETS_S, registers,
    });
    registerLinkMetrics(this.registry, sources);
    registerIngestMetrics(this.registry, sources);
  }

  /** Record one fence evaluation's duration (seconds). */
  observeFenceEvaluation(seconds: number): void {
    this.fenceEvaluation.observe(seconds);
  }

  /** Time every query `source` (a knex instance) runs, until `close()`. */
  observeQueries(source: QueryEventSource): void {
    const started = (query: QueryEvent) => {
      if (!query.__knexQueryUid) return;
      const atMs = this.timerMs();
      if (this.queriesStarted.size > 10_000) this.forgetOldQueries(atMs);
      this.queriesStarted.set(query.__knexQueryUid, { atMs, operation: operationOf(query.method) });
    };
    const ended = (outcome: 'ok' | 'error') => (_result: unknown, query: QueryEvent) => {
      const start = query.__knexQueryUid ? this.queriesStarted.get(query.__knexQueryUid) : undefined;
      if (!start) return;
      this.queriesStarted.delete(query.__knexQueryUid!);
      this.queryDuration.observe({ operation: start.operation, outcome }, (this.timerMs() - start.atMs) / 1000);
    };
    const answered = ended('ok');
    const failed = ended('error');
    source.on('query', started);
    source.on('query-response', answered);
    source.on('query-error', failed);
    this.detachQueries = () => {
      source.off('query', started);
      source.off('query-response', answered);
      source.off('query-error', failed);
    };
  }

  /** The Content-Type of `exposition()` (Prometheus text format 0.0.4). */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** Every metric in the Prometheus text format. */
  exposition(): Promise<string> {
    return this.registry.metrics();
  }

  close(): void {
    this.detachQueries();
    this.registry.clear();
  }

  private forgetOldQueries(nowMs: number): void {
    for (const [uid, start] of this.queriesStarted) if (nowMs - start.atMs > QUERY_FORGET_AFTER_MS) this.queriesStarted.delete(uid);
  }
}

/**
 * `read`, called at most once per scrape however many metrics use it: a scrape's collect() calls all
 * start within one turn of the event loop (prom-client maps over its metrics), so the value is kept
 * until the next turn.
 */
function oncePerScrape<T>(read: () => T): () => T {
  let kept: { value: T } | null = null;
  return () => {
    if (kept === null) {
      kept = { value: read() };
      setImmediate(() => (kept = null));
    }
    return kept.value;
  };
}

/** MAVLink packets, bytes, sequence gaps and dropped sends per link, read from the links' own counts. */
function registerLinkMetrics(registry: Registry, sources: MetricsSources): void {
  const registers = [registry];
  const links = oncePerScrape(() => sources.links());
  new Counter({
    name: 'corridor_mavlink_packets_total', help: 'MAVLink frames per link and result: valid (CRC good), bad_crc, unknown_message (id not known; dropped)',
    labelNames: ['link', 'result'], registers,
    collect() {
      this.reset();
      for (const { id, statistics } of links()) {
        this.inc({ link: id, result: 'valid' }, statistics.packets);
        this.inc({ link: id, result: 'bad_crc' }, statistics.badCrc);
        this.inc({ link: id, result: 'unknown_message' }, statistics.unknownMessages);
      }
    },
  });
  const perLink = (name: string, help: string, read: (link: LinkView) => number) => new Counter({
    name, help, labelNames: ['link'], registers,
    collect() {
      this.reset();
      for (const link of links()) this.inc({ link: link.id }, read(link));
    },
  });
  perLink('corridor_mavlink_received_bytes_total', 'Bytes received per link, garbage included', (link) => link.statistics.bytes);
  perLink('corridor_mavlink_lost_packets_total', 'Packets missing from sequence-number gaps per link (sent by the aircraft, never received)', (link) => link.statistics.lostPackets);
  perLink('corridor_mavlink_dropped_sends_total', 'Frames the ground station could not send (peer gone or not reading)', (link) => link.droppedSends);
}

/** Messages and positions taken, the write queue, live clients. */
function registerIngestMetrics(registry: Registry, sources: MetricsSources): void {
  const registers = [registry];
  const counted = (name: string, help: string, read: () => number) => new Counter({
    name, help, registers,
    collect() {
      this.reset();
      this.inc(read());
    },
  });
  const gauged = (name: string, help: string, read: () => number) => new Gauge({
    name, help, registers,
    collect() {
      this.set(read());
    },
  });
  counted('corridor_ingest_messages_total', 'MAVLink messages taken by the ingest (valid frames from vehicles)', () => sources.ingest().messages);
  counted('corridor_positions_total', 'Positions (GLOBAL_POSITION_INT) accepted and checked against the zones; rate() gives positions/s', () => sources.ingest().positions);
  const queue = oncePerScrape(() => sources.writeQueue()); // WriteQueue.statistics walks its queue (O(queued))
  gauged('corridor_write_queue_depth', 'Writes waiting for the database: statements and telemetry rows, in memory and spooled', () => queue().queued);
  gauged('corridor_write_queue_memory_rows', 'Telemetry rows waiting in memory', () => queue().memoryRows);
  gauged('corridor_spool_rows', 'Telemetry rows waiting in the on-disk spool (the database was away or slow)', () => queue().spooledRows);
  gauged('corridor_spool_bytes', 'Size of the on-disk spool', () => queue().spoolBytes);
  gauged('corridor_spool_full', '1 while telemetry is dropped because memory and spool are full (alarm)', () => Number(queue().spoolFull));
  gauged('corridor_database_reachable', '0 from a failed write until the next successful one', () => Number(queue().databaseReachable));
  counted('corridor_telemetry_rows_written_total', 'Telemetry rows stored', () => queue().telemetryRowsWritten);
  counted('corridor_telemetry_rows_spilled_total', 'Telemetry rows ever sent to the on-disk spool', () => queue().spilledTelemetryRows);
  counted('corridor_telemetry_rows_dropped_total', 'Telemetry rows dropped: memory and spool both full', () => queue().droppedTelemetryRows);
  counted('corridor_database_write_failures_total', 'Failed database write attempts (each is retried)', () => queue().failedAttempts);
  counted('corridor_refused_writes_total', 'Writes the database refused (data or integrity error) and that were set aside, each logged', () => queue().refusedWrites);
  gauged('corridor_live_clients', 'Signed-in Socket.IO clients connected', () => sources.connectedClients());
}
