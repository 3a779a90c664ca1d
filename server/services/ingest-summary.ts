/**
 * A one-line structured summary of the ingest at info level every INGEST_SUMMARY_S (60 s) — positions/s,
 * messages/s, write-queue depth, live clients — so a log alone shows the load the server carries.
 */
import type { Logger } from 'pino';
import type { MetricsSources } from './platform-metrics.ts';

export interface IngestSummaryDeps {
  sources: Pick<MetricsSources, 'ingest' | 'connectedClients'> & { writeQueue(): Readonly<{ queued: number; spooledRows: number }> };
  logger: Logger;
  clock: () => number;
  /** How often to log (ms). */
  intervalMs: number;
}

/** Start logging `ingest summary` lines every `intervalMs`; quiet while nothing arrives. Returns the stop function. */
export function startIngestSummary(deps: IngestSummaryDeps): () => void {
  let last = { atMs: deps.clock(), ...deps.sources.ingest() };
  const timer = setInterval(() => {
    const now = { atMs: deps.clock(), ...deps.sources.ingest() };
    const elapsedS = Math.max(1e-3, (now.atMs - last.atMs) / 1000);
    const messages = now.messages - last.messages;
    const positions = now.positions - last.positions;
    last = now;
    if (messages === 0) return; // an idle server does not fill its log
    const queue = deps.sources.writeQueue();
    deps.logger.info({
      positionsPerS: Math.round(positions / elapsedS),
      messagesPerS: Math.round(messages / elapsedS),
      writeQueueDepth: queue.queued,
      spooledRows: queue.spooledRows,
      liveClients: deps.sources.connectedClients(),
    }, 'ingest summary');
  }, deps.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
