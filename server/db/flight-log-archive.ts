/**
 * The raw evidence of every flight: its MAVLink bytes exactly as received, as a `.tlog`
 * (8-byte big-endian µs timestamp before each packet, as QGroundControl and MAVProxy write),
 * one file per flight under `<DATA_DIR>/flight-logs/`, appended as packets arrive.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { TLOG_TIMESTAMP_BYTES, tlogRecord } from '../../protocol/index.ts';
import type { FlightLogSink } from '../services/ingest-store.ts';

/**
 * Records are gathered per flight and written with one synchronous writev(2) per flight by
 * `writePending`, which runs every WRITE_EVERY_MS and — through the write queue's `beforeWrite` —
 * before every database write. A record is therefore in the kernel (it survives the process being
 * killed; not a power cut, which needs fsync) before the database can store the position it carries:
 * a position the database has stored is always in the .tlog. A kill loses at most the last
 * WRITE_EVERY_MS of records, which the database does not have either. One write(2) per packet cost
 * 6 % of the server's CPU at 1,000 aircraft × 10 Hz (a CPU profile of `npm run bench -- end-to-end`);
 * gathered, an aircraft's packets of a round go in one call. A kill in the middle of a write can still
 * leave a torn last record: `recover` cuts it off before the file is appended to again.
 */
const WRITE_EVERY_MS = 100;

/** What `recover` found at the end of a flight's .tlog left by a process that did not stop cleanly. */
export interface RecoveredFlightLog {
  /** Time of the last complete record (ms since the epoch), null when the file is missing or empty. */
  lastRecordAtMs: number | null;
  /** Whether the last complete vehicle HEARTBEAT said the aircraft was armed (false when there is none). */
  wasArmed: boolean;
  /** Bytes of a torn last record that were cut off (0 for a clean file). */
  truncatedBytes: number;
  /** The file's complete records (what it holds now). */
  log: Buffer;
}

const STX_V1 = 0xfe;
const STX_V2 = 0xfd;
const MAV_MODE_FLAG_SAFETY_ARMED = 0x80;

/**
 * Walks the records of a .tlog this archive wrote (8-byte timestamp, then one whole MAVLink 1 or 2
 * frame: https://mavlink.io/en/guide/serialization.html) and returns the length of its complete
 * records, the last one's time and whether the last HEARTBEAT was armed. Pure; never throws.
 */
export function completeTlogRecords(bytes: Buffer): { length: number; lastRecordAtMs: number | null; wasArmed: boolean } {
  let offset = 0;
  let lastRecordAtMs: number | null = null;
  let wasArmed = false;
  while (offset + TLOG_TIMESTAMP_BYTES + 3 <= bytes.length) {
    const frame = offset + TLOG_TIMESTAMP_BYTES;
    const magic = bytes[frame];
    if (magic !== STX_V1 && magic !== STX_V2) break;
    const payloadBytes = bytes[frame + 1]!;
    const isSigned = magic === STX_V2 && (bytes[frame + 2]! & 0x01) === 0x01;
    const headerBytes = magic === STX_V2 ? 10 : 6;
    const frameBytes = headerBytes + payloadBytes + 2 + (isSigned ? 13 : 0);
    if (frame + frameBytes > bytes.length) break;
    const messageId = magic === STX_V2 ? bytes.readUIntLE(frame + 7, 3) : bytes[frame + 5]!;
    // HEARTBEAT (id 0): base_mode is payload byte 6; MAVLink 2 may trim trailing zero bytes, so a missing byte is 0.
    if (messageId === 0) wasArmed = payloadBytes > 6 && (bytes[frame + headerBytes + 6]! & MAV_MODE_FLAG_SAFETY_ARMED) !== 0;
    lastRecordAtMs = Number(bytes.readBigUInt64BE(offset) / 1000n);
    offset = frame + frameBytes;
  }
  return { length: offset, lastRecordAtMs, wasArmed };
}

export class FlightLogArchive implements FlightLogSink {
  /** Open file descriptors by flight id. */
  private readonly open = new Map<string, number>();
  /** Records not yet written, by flight id. */
  private readonly pending = new Map<string, Buffer[]>();
  private writeTimer: NodeJS.Timeout | null = null;

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

  /** Append one packet to its flight's .tlog: written within WRITE_EVERY_MS, and before any database write (see above). */
  append(flightId: string, raw: Buffer, receivedAtMs: number): void {
    const records = this.pending.get(flightId);
    if (records) records.push(tlogRecord(raw, receivedAtMs));
    else this.pending.set(flightId, [tlogRecord(raw, receivedAtMs)]);
    this.writeTimer ??= setTimeout(() => this.writePending(), WRITE_EVERY_MS).unref();
  }

  /** Write every gathered record to its file, synchronously; a failed write is logged, never thrown at the ingest. */
  writePending(): void {
    if (this.writeTimer) clearTimeout(this.writeTimer);
    this.writeTimer = null;
    for (const flightId of [...this.pending.keys()]) this.writeFlight(flightId);
  }

  private writeFlight(flightId: string): void {
    const records = this.pending.get(flightId);
    if (!records) return;
    this.pending.delete(flightId);
    try {
      let fd = this.open.get(flightId);
      if (fd === undefined) {
        fd = fs.openSync(this.pathOf(flightId), 'a');
        this.open.set(flightId, fd);
      }
      fs.writevSync(fd, records);
    } catch (error) {
      this.logger.error({ err: error, flightId, records: records.length }, 'flight log write failed');
    }
  }

  /** Finish a flight's file (its gathered records are written first). */
  close(flightId: string): Promise<void> {
    this.writeFlight(flightId);
    const fd = this.open.get(flightId);
    if (fd === undefined) return Promise.resolve();
    this.open.delete(flightId);
    return new Promise((resolve) => fs.close(fd, (error) => {
      if (error) this.logger.error({ err: error, flightId }, 'flight log close failed');
      resolve();
    }));
  }

  /**
   * Make a flight's .tlog ready to be appended to after a crash: cut off a torn last record (a
   * write the kill interrupted) so that everything before it reads back cleanly, and say when its
   * last packet arrived. Call it before the first `append` of a resumed flight.
   */
  async recover(flightId: string): Promise<RecoveredFlightLog> {
    const file = this.pathOf(flightId);
    const bytes = await fs.promises.readFile(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return Buffer.alloc(0); // the flight's packets never reached the archive
      throw error;
    });
    const complete = completeTlogRecords(bytes);
    const truncatedBytes = bytes.length - complete.length;
    if (truncatedBytes > 0) {
      await fs.promises.truncate(file, complete.length);
      this.logger.warn({ flightId, truncatedBytes }, 'torn last record of a flight log cut off');
    }
    return { lastRecordAtMs: complete.lastRecordAtMs, wasArmed: complete.wasArmed, truncatedBytes, log: bytes.subarray(0, complete.length) };
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
    this.writePending();
    await Promise.all([...this.open.keys()].map((flightId) => this.close(flightId)));
  }
}
