/**
 * A write the database refuses does not hold the writes behind it, on each database: a trigger
 * refuses two positions of a live flight (check_violation, as a constraint would) and a statement
 * queued among them breaks a foreign key. Every other position is stored, the flight still closes,
 * the three are counted and named (in /healthz and live to an operator's page), and the refused
 * positions are still in the flight's .tlog.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTlog } from '../protocol/index.ts';
import type { HealthView } from '../server/contracts/index.ts';
import { MavlinkSender } from './support/mavlink-sender.ts';
import { eventually, startHarness, type PlatformHarness, type RecordedEvent } from './support/platform-harness.ts';
import { databaseKinds } from './support/test-database.ts';

const SYSTEM_ID = 83;
const POSITIONS = 30;
/** The relative altitude the trigger refuses, sent as positions 10 and 20. */
const REFUSED_ALTITUDE_M = 77.7;
const NO_CORRIDOR_ID = '00000000-0000-4000-8000-00000000dead';

describe.each(databaseKinds())('writes refused on the %s database', (kind) => {
  let harness: PlatformHarness;
  let flightId: string;
  let operatorEvents: RecordedEvent[];
  const knex = () => harness.platform.database.knex;

  beforeAll(async () => {
    harness = await startHarness(kind);
    await knex().raw(`CREATE FUNCTION refuse_test_altitude() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.altitude_relative_m = ${REFUSED_ALTITUDE_M} THEN
          RAISE EXCEPTION 'test: a position at % m is refused', NEW.altitude_relative_m USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await knex().raw('CREATE TRIGGER refuse_test_altitude BEFORE INSERT ON telemetry FOR EACH ROW EXECUTE FUNCTION refuse_test_altitude()');
    operatorEvents = (await harness.connectClient()).events;

    const sender = new MavlinkSender(harness.udpPort, SYSTEM_ID);
    await sender.heartbeat({ armed: true });
    for (let i = 0; i < POSITIONS; i += 1) {
      const altitudeM = i === 10 || i === 20 ? REFUSED_ALTITUDE_M : 40 + i;
      await sender.position(33.41 + i * 0.0001, -13.06, altitudeM, 1050, i * 100);
      if (i === 12) {
        // The flight's row is stored by now; a statement pointing it at a corridor that does not exist is refused.
        flightId = await eventually(async () => (await knex()('flights').where({ system_id: SYSTEM_ID }).first('id'))?.id as string | undefined, 'the flight opened');
        harness.platform.writeQueue.add('test: assign a corridor that does not exist', (db) => db('flights').where({ id: flightId }).update({ corridor_id: NO_CORRIDOR_ID }));
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await sender.heartbeat({ armed: false });
    sender.close();
    await eventually(async () => (await knex()('flights').where({ id: flightId }).whereNotNull('ended_at').first('id')) ?? undefined, 'the flight closed');
    await harness.platform.writeQueue.flush();
  }, 120_000);
  afterAll(async () => {
    await harness?.stop();
  });

  it('stores every position but the refused ones, and the statements queued behind them', async () => {
    const stored = await knex()('telemetry').where({ flight_id: flightId }).orderBy('recorded_at').select('altitude_relative_m');
    const altitudes = stored.map((row) => Number(row.altitude_relative_m));
    expect(altitudes).toEqual(Array.from({ length: POSITIONS }, (_, i) => 40 + i).filter((_, i) => i !== 10 && i !== 20));
    const flight = await knex()('flights').where({ id: flightId }).first('corridor_id', 'ended_at');
    expect(flight.corridor_id).not.toBe(NO_CORRIDOR_ID);
    expect(flight.ended_at).not.toBeNull();
  });

  it('counts the refused writes, names the last, and keeps the database reachable', async () => {
    const statistics = harness.platform.writeQueue.statistics;
    expect(statistics).toMatchObject({ refusedWrites: 3, queued: 0, databaseReachable: true, failedAttempts: 0 });
    expect(statistics.lastRefusal).toMatch(new RegExp(`^telemetry of flight ${flightId} at \\S+Z: test: a position at 77\\.7 m is refused`));
  });

  it('says so in /healthz and on the operators’ pages, live and to a page connecting now', async () => {
    const health = (await (await harness.api.fetch('/healthz')).json()) as HealthView;
    expect(health.status).toBe('degraded');
    expect(health.writes).toMatchObject({ refusedWrites: 3, databaseReachable: true, queued: 0 });
    expect(health.alarms).toEqual([expect.stringMatching(/^3 writes refused by the database and set aside \(last: telemetry of flight .* test: a position at 77\.7 m is refused\)$/)]);
    const refusedAlarm = (event: RecordedEvent) => event.name === 'platform:alarms' && event.payload.alarms.some((alarm) => alarm.kind === 'writes-refused');
    await eventually(async () => operatorEvents.find(refusedAlarm), 'writes-refused pushed to the operator');
    const late = await harness.connectClient();
    const told = await eventually(async () => late.events.find(refusedAlarm), 'writes-refused sent on connecting');
    expect(told.name === 'platform:alarms' && told.payload.alarms).toEqual([expect.objectContaining({ kind: 'writes-refused', refusedWrites: 3 })]);
    late.socket.close();
  });

  it('keeps the refused positions in the flight’s .tlog', async () => {
    await harness.platform.flightLogs.closeAll();
    const response = await harness.api.fetch(`/api/flights/${flightId}/export.tlog`);
    expect(response.status).toBe(200);
    const positions = [...readTlog(Buffer.from(await response.arrayBuffer()))].filter((entry) => entry.frame.name === 'GLOBAL_POSITION_INT');
    expect(positions).toHaveLength(POSITIONS);
  });
});
