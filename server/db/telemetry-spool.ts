/**
 * The write queue's overflow: telemetry rows the database could not take yet, kept in order in an
 * append-only JSON-lines file (`<folder>/telemetry.jsonl`), bounded in bytes. Appends are buffered
 * and written (then fdatasync'd) one batch at a time, so a burst costs one write and one sync;
 * rows are read back in the order they were appended and the file is emptied once drained.
 * Each process has its own file (`telemetry-<start ms>-<pid>.jsonl`, removed when closed empty), so
 * processes sharing a data folder never touch each other's; files that others left are only
 * reported (their rows may belong to flights whose opening was held in that process's memory).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { TelemetryRecord } from '../services/ingest-store.ts';

export interface TelemetrySpoolOptions {
  /** Most bytes the file may hold; an append past it is refused. */
  maxBytes: number;
}

/** A non-empty spool file of another (or an earlier, stopped) process, found at open: reported, never replayed or touched. */
export interface OtherSpool {
  file: string;
  bytes: number;
}

/** Bytes read per row wanted when reading back; rows are ~250 bytes, so one read usually suffices. */
const READ_BYTES_PER_ROW = 512;

export class TelemetrySpool {
  private unwritten: string[] = [];
  private unwrittenBytes = 0;
  private writeOffset = 0;
  private readOffset = 0;
  private heldRows = 0;
  private writing: Promise<void> = Promise.resolve();
  /** The rows read ahead by `peek`, with the byte offset (from `readOffset`) just after each. */
  private peeked: { rows: TelemetryRecord[]; ends: number[] } = { rows: [], ends: [] };

  private constructor(
    private readonly handle: fs.FileHandle,
    private readonly maxBytes: number,
    readonly file: string,
  ) {}

  /** Open a new, empty spool file in `folder` (created if missing); also lists other non-empty spool files there. */
  static async open(folder: string, options: TelemetrySpoolOptions): Promise<{ spool: TelemetrySpool; others: OtherSpool[] }> {
    if (!(options.maxBytes > 0)) throw new Error(`TelemetrySpool: maxBytes must be a positive number of bytes, got ${options.maxBytes}`);
    await fs.mkdir(folder, { recursive: true });
    const others = await listSpoolFiles(folder);
    const file = path.join(folder, `telemetry-${Date.now()}-${process.pid}.jsonl`);
    const handle = await fs.open(file, 'wx+');
    return { spool: new TelemetrySpool(handle, options.maxBytes, file), others };
  }

  /** Rows held (on disk or about to be). */
  get rows(): number {
    return this.heldRows;
  }

  /** Bytes held (on disk or about to be). */
  get bytes(): number {
    return this.writeOffset - this.readOffset + this.unwrittenBytes;
  }

  /** Append one row; false (and nothing kept) when it would take the spool past its bound. */
  append(row: TelemetryRecord): boolean {
    const line = `${JSON.stringify(row)}\n`;
    const lineBytes = Buffer.byteLength(line);
    if (this.bytes + lineBytes > this.maxBytes) return false;
    this.unwritten.push(line);
    this.unwrittenBytes += lineBytes;
    this.heldRows += 1;
    if (this.unwritten.length === 1) this.writing = this.writing.then(() => this.writeBuffered());
    return true;
  }

  /** The next `count` rows (fewer if fewer are held), in append order, without removing them. */
  async peek(count: number): Promise<TelemetryRecord[]> {
    const wanted = Math.min(count, this.heldRows);
    if (this.peeked.rows.length >= wanted) return this.peeked.rows.slice(0, wanted);
    await this.writing;
    const rows: TelemetryRecord[] = [];
    const ends: number[] = [];
    let bytes = 0;
    while (rows.length < wanted && this.readOffset + bytes < this.writeOffset) {
      const length = Math.min(this.writeOffset - this.readOffset - bytes, (wanted - rows.length) * READ_BYTES_PER_ROW + 4096);
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await this.handle.read(buffer, 0, length, this.readOffset + bytes);
      let start = 0;
      for (let end = buffer.indexOf(10, start); end !== -1 && end < bytesRead && rows.length < wanted; end = buffer.indexOf(10, start)) {
        rows.push(JSON.parse(buffer.toString('utf8', start, end)) as TelemetryRecord);
        start = end + 1;
        ends.push(bytes + start);
      }
      if (start === 0) throw new Error(`TelemetrySpool: no complete row at byte ${this.readOffset + bytes} of ${this.file}`);
      bytes += start;
    }
    this.peeked = { rows, ends };
    return rows.slice();
  }

  /** Remove the first `count` rows (after they were stored, or refused), all of which a `peek` has returned. */
  async commit(count: number): Promise<void> {
    if (!Number.isInteger(count) || count < 1 || count > this.peeked.rows.length) {
      throw new Error(`TelemetrySpool: commit(${count}) must remove 1 to ${this.peeked.rows.length} rows, the ones peeked`);
    }
    const consumed = this.peeked.ends[count - 1]!;
    this.readOffset += consumed;
    this.heldRows -= count;
    this.peeked = { rows: this.peeked.rows.slice(count), ends: this.peeked.ends.slice(count).map((end) => end - consumed) };
    if (this.heldRows === 0) {
      // Drained: start the file again from byte 0 so it does not grow across outages.
      this.writing = this.writing.then(async () => {
        if (this.heldRows > 0) return;
        await this.handle.truncate(0);
        this.readOffset = 0;
        this.writeOffset = 0;
      });
      await this.writing;
    }
  }

  /** Write what is buffered and close the file; an empty file is removed, one still holding rows is kept. */
  async close(): Promise<void> {
    await this.writing;
    await this.handle.close();
    if (this.heldRows === 0) await fs.rm(this.file, { force: true });
  }

  private async writeBuffered(): Promise<void> {
    const text = this.unwritten.join('');
    this.unwritten = [];
    this.unwrittenBytes = 0;
    const buffer = Buffer.from(text);
    const position = this.writeOffset;
    this.writeOffset += buffer.length; // counted at once, so `bytes` never dips while the write is in flight
    await this.handle.write(buffer, 0, buffer.length, position);
    // One sync per batch (group commit): appends made meanwhile wait for the next batch.
    await this.handle.datasync();
  }
}

async function listSpoolFiles(folder: string): Promise<OtherSpool[]> {
  const names = (await fs.readdir(folder)).filter((name) => /^telemetry-.*\.jsonl$/.test(name));
  const files = await Promise.all(names.map(async (name) => ({ file: path.join(folder, name), bytes: (await fs.stat(path.join(folder, name))).size })));
  return files.filter((file) => file.bytes > 0);
}
