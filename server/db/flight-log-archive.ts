/**
 * The raw evidence of every flight: its MAVLink bytes exactly as received, as a `.tlog`
 * (8-byte big-endian µs timestamp before each packet, as QGroundControl and MAVProxy write),
 * one file per flight under `<DATA_DIR>/flight-logs/`, appended as packets arrive.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { tlogRecord } from '../../protocol/index.ts';
import type { FlightLogSink } from '../services/ingest-store.ts';

export class FlightLogArchive implements FlightLogSink {
  private readonly open = new Map<string, fs.WriteStream>();

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
    stream.write(tlogRecord(raw, receivedAtMs));
  }

  /** Finish a flight's file; resolves once every byte is on disk. */
  close(flightId: string): Promise<void> {
    const stream = this.open.get(flightId);
    if (!stream) return Promise.resolve();
    this.open.delete(flightId);
    return new Promise((resolve) => stream.end(resolve));
  }

  /** Finish every open file (shutdown). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.open.keys()].map((flightId) => this.close(flightId)));
  }
}
