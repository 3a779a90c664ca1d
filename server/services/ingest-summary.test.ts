import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startIngestSummary } from './ingest-summary.ts';

describe('startIngestSummary', () => {
  afterEach(() => vi.useRealTimers());

  it('logs positions/s and messages/s over each interval with the queue and clients, and nothing while idle', () => {
    vi.useFakeTimers();
    const lines: Array<Record<string, unknown>> = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    const counts = { messages: 0, positions: 0 };
    let nowMs = 0;
    const stop = startIngestSummary({
      sources: { ingest: () => counts, writeQueue: () => ({ queued: 42, spooledRows: 7 }), connectedClients: () => 3 },
      logger, clock: () => nowMs, intervalMs: 5000,
    });
    nowMs = 5000;
    vi.advanceTimersByTime(5000); // nothing arrived: no line
    Object.assign(counts, { messages: 600, positions: 500 });
    nowMs = 10_000;
    vi.advanceTimersByTime(5000);
    stop();
    nowMs = 15_000;
    vi.advanceTimersByTime(5000); // stopped
    expect(lines.map(({ msg, positionsPerS, messagesPerS, writeQueueDepth, spooledRows, liveClients }) => ({ msg, positionsPerS, messagesPerS, writeQueueDepth, spooledRows, liveClients })))
      .toEqual([{ msg: 'ingest summary', positionsPerS: 100, messagesPerS: 120, writeQueueDepth: 42, spooledRows: 7, liveClients: 3 }]);
  });
});
