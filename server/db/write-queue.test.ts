/**
 * The write queue over a real spool file and a fake knex that can be "unplugged": order holds
 * across memory → disk → memory with statements in between, the spool is emptied once drained,
 * and a full spool drops (and counts) rows instead of growing.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TelemetryRecord } from '../services/ingest-store.ts';
import { TelemetrySpool } from './telemetry-spool.ts';
import { WriteQueue } from './write-queue.ts';

/**
 * A knex stand-in recording what reaches the "database" in order; `down` makes every write fail, and
 * a write named in `refused` is refused as PostgreSQL refuses a row of a deleted flight (SQLSTATE
 * 23503). A transaction keeps nothing of a failed round; `attempts` counts the writes tried.
 */
function fakeDatabase() {
  const written: string[] = [];
  const state = { down: false, attempts: 0 };
  const refused = new Set<string>();
  const write = (names: string[]) => {
    state.attempts += 1;
    if (state.down) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
    const bad = names.find((name) => refused.has(name));
    if (bad) throw Object.assign(new Error(`${bad} violates foreign key constraint "telemetry_flight_id_foreign"`), { code: '23503' });
    written.push(...names);
  };
  // Telemetry arrives as one INSERT … FROM jsonb_to_recordset(?) whose one binding is the rows as JSON.
  const knex = {
    raw: async (_sql: string, [json]: [string]) => write((JSON.parse(json) as Array<{ f: string; t: number }>).map((row) => `telemetry:${row.f}:${row.t}`)),
    transaction: async (work: (transaction: Knex) => Promise<void>) => {
      const before = written.length;
      try {
        await work(knex);
      } catch (error) {
        written.length = before;
        throw error;
      }
    },
  } as unknown as Knex;
  const statement = (label: string) => async () => write([label]);
  return { knex, written, state, refused, statement };
}

const row = (flightId: string, recordedAtMs: number): TelemetryRecord => ({
  flightId, recordedAtMs, lon: 33.4, lat: -13.06, altitudeMslM: 1090, altitudeRelativeM: 40, groundSpeedMps: 10, climbRateMps: 0, headingDeg: 90, fenceStatus: 'nominal',
} as TelemetryRecord);

/** Queue writes on `queue` and keep, in order, what the database should record of each. */
function queueing(queue: WriteQueue, database: ReturnType<typeof fakeDatabase>) {
  const expected: string[] = [];
  return {
    expected,
    statement(label: string) {
      queue.add(label, database.statement(label));
      expected.push(label);
    },
    telemetry(flightId: string, recordedAtMs: number) {
      queue.addTelemetry(row(flightId, recordedAtMs));
      expected.push(`telemetry:${flightId}:${recordedAtMs}`);
    },
  };
}

describe('WriteQueue with a telemetry spool', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'write-queue-'));
  });
  afterEach(() => fs.rm(folder, { recursive: true, force: true }));

  it('keeps the order across memory, disk and memory again while the database is away, then empties the spool', async () => {
    const database = fakeDatabase();
    const { spool, others } = await TelemetrySpool.open(folder, { maxBytes: 1_000_000 });
    expect(others).toEqual([]);
    const queue = new WriteQueue(database.knex, pino({ level: 'silent' }), { memoryRows: 5, batchSize: 3, flushMs: 5, retryDelayMs: 5, spool });
    database.state.down = true;
    const writes = queueing(queue, database);
    writes.statement('open A');
    for (let i = 0; i < 12; i += 1) {
      writes.telemetry('A', i);
      if (i === 7) writes.statement('open B');
    }
    for (let i = 0; i < 4; i += 1) writes.telemetry('B', i);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const during = queue.statistics;
    expect(during).toMatchObject({ memoryRows: 5, spooledRows: 11, spilledTelemetryRows: 11, databaseReachable: false, droppedTelemetryRows: 0 });
    expect(during.spoolBytes).toBe((await fs.stat(spool.file)).size);
    expect(database.written).toEqual([]);

    database.state.down = false;
    await queue.flush();
    expect(database.written).toEqual(writes.expected);
    // Once the memory drained below its bound, rows go to memory again — behind the spooled ones.
    queue.addTelemetry(row('B', 99));
    await queue.flush();
    expect(database.written.at(-1)).toBe('telemetry:B:99');
    expect(queue.statistics).toMatchObject({ queued: 0, memoryRows: 0, spooledRows: 0, spoolBytes: 0, databaseReachable: true, telemetryRowsWritten: 17 });
    expect((await fs.stat(spool.file)).size).toBe(0);
    await queue.close();
  });

  it('drops and counts telemetry past a full spool, raises spoolFull, and keeps what it accepted', async () => {
    const database = fakeDatabase();
    const { spool } = await TelemetrySpool.open(folder, { maxBytes: 2000 });
    const queue = new WriteQueue(database.knex, pino({ level: 'silent' }), { memoryRows: 2, flushMs: 5, retryDelayMs: 5, spool });
    database.state.down = true;
    for (let i = 0; i < 40; i += 1) queue.addTelemetry(row('A', i));
    const full = queue.statistics;
    expect(full.spoolFull).toBe(true);
    expect(full.spoolBytes).toBeLessThanOrEqual(2000);
    expect(full.memoryRows + full.spooledRows + full.droppedTelemetryRows).toBe(40);
    expect(full.droppedTelemetryRows).toBeGreaterThan(0);

    database.state.down = false;
    await queue.flush();
    // The accepted rows are stored in order: the first ones, then nothing of the dropped tail.
    expect(database.written).toEqual(Array.from({ length: 40 - full.droppedTelemetryRows }, (_, i) => `telemetry:A:${i}`));
    // Stored rows made room: no longer full, but the drops stay counted.
    expect(queue.statistics).toMatchObject({ spoolFull: false, droppedTelemetryRows: full.droppedTelemetryRows });
    await queue.close();
  });

  it('writes a round in one transaction: its statements in order, then its telemetry in one insert', async () => {
    const database = fakeDatabase();
    const queue = new WriteQueue(database.knex, pino({ level: 'silent' }), { flushMs: 5, retryDelayMs: 5 });
    queue.add('open A', database.statement('open A'));
    queue.addTelemetry(row('A', 1));
    queue.add('alert A', database.statement('alert A'));
    queue.addTelemetry(row('A', 2));
    queue.add('open B', database.statement('open B'));
    queue.addTelemetry(row('B', 1));
    await queue.flush();
    // Each flight's rows after its opening and in order; the alert no longer splits A's rows into two inserts.
    expect(database.written).toEqual(['open A', 'alert A', 'open B', 'telemetry:A:1', 'telemetry:A:2', 'telemetry:B:1']);
    await queue.close();
  });

  it('sets aside each write the database refuses, in memory and in the spool, and writes everything around it in order', async () => {
    const database = fakeDatabase();
    const { spool } = await TelemetrySpool.open(folder, { maxBytes: 1_000_000 });
    const queue = new WriteQueue(database.knex, pino({ level: 'silent' }), { memoryRows: 20, batchSize: 8, flushMs: 5, retryDelayMs: 5, spool });
    database.state.down = true;
    const writes = queueing(queue, database);
    writes.statement('open A');
    for (let i = 0; i < 40; i += 1) {
      writes.telemetry('A', i);
      if (i === 10) writes.statement('alert A');
    }
    // Refused: a row held in memory, the statement between rows, and a row that went to the spool.
    for (const name of ['telemetry:A:3', 'alert A', 'telemetry:A:33']) database.refused.add(name);
    expect(queue.statistics.spooledRows).toBe(20);
    database.state.down = false;
    await queue.flush();
    const stored = writes.expected.filter((name) => !database.refused.has(name));
    // Statements go before the telemetry of their round, so compare each flight's rows and the statements apart.
    expect(database.written.filter((name) => name.startsWith('telemetry:'))).toEqual(stored.filter((name) => name.startsWith('telemetry:')));
    expect(database.written.filter((name) => !name.startsWith('telemetry:'))).toEqual(['open A']);
    expect(queue.statistics).toMatchObject({ queued: 0, refusedWrites: 3, telemetryRowsWritten: 38, memoryRows: 0, spooledRows: 0, databaseReachable: true });
    expect(queue.statistics.lastRefusal).toMatch(/^telemetry of flight A at 1970-01-01T00:00:00\.033Z: telemetry:A:33 violates foreign key/);
    // Rounds are whole again after each refusal: a later burst is one insert.
    const before = database.state.attempts;
    for (let i = 40; i < 48; i += 1) queue.addTelemetry(row('A', i));
    await queue.flush();
    expect(database.state.attempts - before).toBe(1);
    await queue.close();
  });

  it('retries a failure that is not a refusal, holding the writes behind it', async () => {
    const database = fakeDatabase();
    const queue = new WriteQueue(database.knex, pino({ level: 'silent' }), { flushMs: 5, retryDelayMs: 5 });
    queue.add('open A', async () => {
      database.state.attempts += 1;
      if (database.state.attempts < 3) throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
      database.written.push('open A');
    });
    queue.addTelemetry(row('A', 1));
    await queue.flush();
    expect(database.written).toEqual(['open A', 'telemetry:A:1']);
    expect(queue.statistics).toMatchObject({ refusedWrites: 0, failedAttempts: 2 });
    await queue.close();
  });

  it('leaves a spool file of another process alone, reports it, and removes its own file once closed empty', async () => {
    const theirs = path.join(folder, 'telemetry-1-4242.jsonl');
    await fs.writeFile(theirs, `${JSON.stringify(row('theirs', 1))}\n`);
    const { spool, others } = await TelemetrySpool.open(folder, { maxBytes: 1000 });
    expect(others).toEqual([{ file: theirs, bytes: (await fs.stat(theirs)).size }]);
    expect(spool.rows).toBe(0);
    expect(spool.append(row('mine', 2))).toBe(true);
    expect(await spool.peek(5)).toEqual([row('mine', 2)]);
    await spool.commit(1);
    await spool.close();
    expect(await fs.readdir(folder)).toEqual(['telemetry-1-4242.jsonl']);
  });
});
