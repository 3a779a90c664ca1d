/**
 * The raw evidence of every flight: its MAVLink bytes exactly as received, as a `.tlog`
 * (8-byte big-endian µs timestamp before each packet, as QGroundControl and MAVProxy write),
 * one file per flight under `<DATA_DIR>/flight-logs/`, appended as packets arrive.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { tlogRecord } from '../../protocol/index.ts';
import type { FlightLogSink } from '../services/ingest-store.ts';

/**
 * Records are gathered for up to this long and written in one writev per flight: a write per
 * packet cost a fifth of the ingest's CPU at 2,500 packets/s. A crash loses at most this much.
 */
const WRITE_BATCH_MS = 100;

export class FlightLogArchive implements FlightLogSink {
  private readonly open = new Map<string, fs.WriteStream>();
  private readonly corked = new Set<fs.WriteStream>();
  private flushTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly folder: string,
    private readonly logger: Logger,
  ) {
    fs.mkdirSync(folder, { recursive: true });
  }

  /** Where a flight's .tlog is (it exists once the flight's first packet arrived). */
  pathOf(flightId: string): string {
    return path.join(this.folder, `${flightId}.tlog`);
  }

  append(flightId: string, raw: Buffer, receivedAtMs: number): void {
    let stream = this.open.get(flightId);
    if (!stream) {
      stream = fs.createWriteStream(this.pathOf(flightId), { flags: 'a' });
      stream.on('error', (error) => this.logger.error({ err: error, flightId }, 'flight log write failed'));
      this.open.set(flightId, stream);
    }
    if (!this.corked.has(stream)) {
      stream.cork();
      this.corked.add(stream);
    }
    stream.write(tlogRecord(raw, receivedAtMs));
    this.flushTimer ??= setTimeout(() => this.flush(), WRITE_BATCH_MS);
  }

  /** Hand every gathered record to the file system now. */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    for (const stream of this.corked) stream.uncork();
    this.corked.clear();
  }

  /** Finish a flight's file; resolves once every byte is on disk. */
  close(flightId: string): Promise<void> {
    const stream = this.open.get(flightId);
    if (!stream) return Promise.resolve();
    this.open.delete(flightId);
    if (this.corked.delete(stream)) stream.uncork();
    return new Promise((resolve) => stream.end(resolve));
  }

  /** SHA-256 (hex) of a flight's finished .tlog, or null when it has none. */
  async hashOf(flightId: string): Promise<string | null> {
    try {
      return createHash('sha256').update(await fs.promises.readFile(this.pathOf(flightId))).digest('hex');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null; // a flight whose packets never reached the archive
      throw error;
    }
  }

  /** Append one line to the seal ledger beside the logs (DATA_DIR/flight-logs/seals.jsonl), an outside witness of every chain's head. */
  async appendToLedger(entry: { chain: string; sequence: number; flightId: string; hash: string }): Promise<void> {
    await fs.promises.appendFile(path.join(this.folder, 'seals.jsonl'), `${JSON.stringify(entry)}\n`);
  }

  /** The last ledger entry of each chain. */
  async ledgerHeads(): Promise<Map<string, { sequence: number; flightId: string; hash: string }>> {
    const heads = new Map<string, { sequence: number; flightId: string; hash: string }>();
    const text = await fs.promises.readFile(path.join(this.folder, 'seals.jsonl'), 'utf8').catch(() => ''); // no ledger yet: no seals
    for (const line of text.split('\n').filter(Boolean)) {
      const entry = JSON.parse(line) as { chain: string; sequence: number; flightId: string; hash: string };
      if ((heads.get(entry.chain)?.sequence ?? 0) < entry.sequence) heads.set(entry.chain, entry);
    }
    return heads;
  }

  /** Finish every open file (shutdown). */
  async closeAll(): Promise<void> {
    this.flush();
    await Promise.all([...this.open.keys()].map((flightId) => this.close(flightId)));
  }
}
