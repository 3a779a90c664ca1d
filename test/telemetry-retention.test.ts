/**
 * Telemetry in monthly partitions with a retention setting, on each database (PGlite is PostgreSQL
 * 17 and partitions like the server): this month's and the next partitions exist, live rows land in
 * this month's; an imported flight of 100 days ago lands in the DEFAULT partition until its month
 * gets one; with TELEMETRY_RETENTION_DAYS=30 a restart drops that month, records it, keeps the newer
 * flight's telemetry; verification calls the old flight "past retention", not tampered, yet still
 * catches a changed alert of it; and its telemetry answers 410 instead of an empty page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeMessage, MessageSequence, tlogRecord, type MavLinkData } from '../protocol/index.ts';
import type { TlogImportView } from '../server/contracts/index.ts';
import { ensureTelemetryPartitions, listTelemetryPartitions, monthPartitionName } from '../server/db/telemetry-partitions.ts';
import { MavlinkSender, vehicleHeartbeat, vehiclePosition } from './support/mavlink-sender.ts';
import { eventually, startHarness, type PlatformHarness } from './support/platform-harness.ts';
import { databaseKinds } from './support/test-database.ts';

const DAY_MS = 86_400_000;

/** A 10 s flight of system 78 over Kasungu recorded from `startMs`, as a ground station's .tlog. */
function oldFlightLog(startMs: number): Buffer {
  const sequence = new MessageSequence();
  const records: Buffer[] = [];
  const add = (message: MavLinkData, atMs: number) => records.push(tlogRecord(encodeMessage(message, { systemId: 78, componentId: 1, sequence: sequence.next() }), atMs));
  for (let i = 0; i <= 50; i += 1) {
    const atMs = startMs + i * 200;
    if (i % 5 === 0) add(vehicleHeartbeat(true), atMs);
    add(vehiclePosition(33.40 + i * 0.0001, -13.05, 30, 1050, i * 200), atMs + 1);
  }
  add(vehicleHeartbeat(false), startMs + 10_500);
  return Buffer.concat(records);
}

describe.each(databaseKinds())('telemetry partitions and retention on the %s database', (kind) => {
  let harness: PlatformHarness;
  const knex = () => harness.platform.database.knex;
  const oldStartMs = Date.now() - 100 * DAY_MS;
  const flights = { old: '', recent: '' };
  let oldRows = 0;
  const partitionsOf = async (flightId: string) =>
    (await knex().raw<{ rows: Array<{ part: string }> }>('SELECT DISTINCT tableoid::regclass::text AS part FROM telemetry WHERE flight_id = ?', [flightId])).rows.map((row) => row.part);

  beforeAll(async () => {
    harness = await startHarness(kind, { TELEMETRY_RETENTION_DAYS: '30' });
    // A live flight now, over UDP: armed, 2 s of positions, disarmed.
    const sender = new MavlinkSender(harness.udpPort, 79);
    await sender.heartbeat({ armed: true });
    for (let i = 0; i < 20; i += 1) {
      await sender.position(33.41 + i * 0.0001, -13.06, 40, 1050, i * 100);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await sender.heartbeat({ armed: false });
    sender.close();
    flights.recent = await eventually(async () => (await knex()('flights').where({ system_id: 79 }).whereNotNull('ended_at').first())?.id as string | undefined, 'the live flight closed');
    await harness.platform.writeQueue.flush();
    await harness.platform.sealer.settle();
  }, 120_000);
  afterAll(async () => {
    await harness?.stop();
  });

  it('keeps this month’s and the next month’s partitions ahead, and routes live rows to this month’s', async () => {
    const names = (await listTelemetryPartitions(knex())).map((partition) => partition.name);
    expect(names).toContain(monthPartitionName(Date.now()));
    expect(names).toContain(monthPartitionName(Date.now() + 32 * DAY_MS));
    expect(await partitionsOf(flights.recent)).toEqual([monthPartitionName(Date.now())]);
  });

  it('puts an imported flight of 100 days ago in the DEFAULT partition, and moves it when its month gets a partition', async () => {
    const response = await harness.api.fetch('/api/flights/import?name=old-flight.tlog', { method: 'POST', body: new Uint8Array(oldFlightLog(oldStartMs)), headers: { 'content-type': 'application/octet-stream' } });
    expect(response.status).toBe(201);
    const imported = (await response.json()) as TlogImportView;
    expect(imported.flightIds).toHaveLength(1);
    flights.old = imported.flightIds[0]!;
    await harness.platform.sealer.settle();
    expect(await partitionsOf(flights.old)).toEqual(['telemetry_default']);
    oldRows = Number((await knex()('telemetry').where({ flight_id: flights.old }).count({ count: '*' }))[0]!.count);
    expect(oldRows).toBeGreaterThanOrEqual(40);

    expect(await ensureTelemetryPartitions(knex(), oldStartMs, { monthsAhead: 0 })).toEqual([monthPartitionName(oldStartMs)]);
    expect(await partitionsOf(flights.old)).toEqual([monthPartitionName(oldStartMs)]);
    expect((await harness.platform.sealer.verifyFlight(flights.old)).problems).toEqual([]); // moving rows changes nothing the seal covers
  });

  it('drops the month past TELEMETRY_RETENTION_DAYS at start, records what it removed, and keeps newer telemetry', async () => {
    const recentRows = Number((await knex()('telemetry').where({ flight_id: flights.recent }).count({ count: '*' }))[0]!.count);
    await harness.restart();
    const names = (await listTelemetryPartitions(knex())).map((partition) => partition.name);
    expect(names).not.toContain(monthPartitionName(oldStartMs));
    expect(names).toContain(monthPartitionName(Date.now()));
    const removed = await knex()('telemetry_retention').select('partition_name', 'rows_removed', 'retention_days');
    expect(removed.map((row) => ({ ...row, rows_removed: Number(row.rows_removed) }))).toEqual([{ partition_name: monthPartitionName(oldStartMs), rows_removed: oldRows, retention_days: 30 }]);
    expect(Number((await knex()('telemetry').where({ flight_id: flights.old }).count({ count: '*' }))[0]!.count)).toBe(0);
    expect(Number((await knex()('telemetry').where({ flight_id: flights.recent }).count({ count: '*' }))[0]!.count)).toBe(recentRows);
    console.info(`retention on ${kind}: dropped ${monthPartitionName(oldStartMs)} (${oldRows} rows); ${names.length} month partitions left, ${recentRows} rows of the recent flight kept`);
  });

  it('verifies the old flight as past retention (its .tlog and other records checked), not as tampered', async () => {
    const old = await harness.platform.sealer.verifyFlight(flights.old);
    expect(old.seal).toMatchObject({ recordsFormat: 2, telemetrySha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(old.problems).toEqual([]);
    expect(old.notes).toEqual([{ flightId: flights.old, note: expect.stringMatching(/^telemetry past retention \(removed .*, kept 30 days\); raw \.tlog and other records verified$/) }]);
    const recent = await harness.platform.sealer.verifyFlight(flights.recent);
    expect(recent).toMatchObject({ problems: [], notes: [] });
    const regulator = await harness.signIn('regulator');
    expect(await regulator.getJson(`/api/flights/${flights.old}/verify`)).toMatchObject({ ok: true, problems: [], notes: old.notes });
  });

  it('still catches a changed record of a flight past retention', async () => {
    const flight = await knex()('flights').where({ id: flights.old }).first();
    await knex()('flights').where({ id: flights.old }).update({ end_reason: 'edited afterwards' });
    expect((await harness.platform.sealer.verifyFlight(flights.old)).problems).toEqual([
      { flightId: flights.old, problem: 'its stored records (flight, telemetry, violations or alerts) have changed since it was sealed' },
    ]);
    await knex()('flights').where({ id: flights.old }).update({ end_reason: flight.end_reason });
    expect((await harness.platform.sealer.verifyFlight(flights.old)).problems).toEqual([]);
    // A seal's kept telemetry digest cannot be swapped either: it is covered by the records hash.
    await knex()('flight_seals').where({ flight_id: flights.old }).update({ telemetry_sha256: 'f'.repeat(64) });
    expect((await harness.platform.sealer.verifyFlight(flights.old)).problems).toHaveLength(1);
  });

  it('answers the old flight’s telemetry with 410 naming retention, and the newer flight’s as before', async () => {
    const gone = await harness.api.fetch(`/api/flights/${flights.old}/telemetry`);
    expect(gone.status).toBe(410);
    expect(((await gone.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'telemetry_past_retention', message: expect.stringMatching(/was removed by retention on .* \(kept 30 days\)/),
    });
    const recent = await harness.api.getJson<{ items: unknown[] }>(`/api/flights/${flights.recent}/telemetry`);
    expect(recent.items.length).toBeGreaterThan(0);
  });
});
