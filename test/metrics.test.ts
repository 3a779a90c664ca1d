/**
 * GET /metrics on each database: who may read it (never the public), and that the figures move by
 * exactly what real MAVLink over loopback UDP caused — valid frames, bad CRCs, unknown messages and
 * sequence gaps per link, bytes, positions, fence evaluations — that the database query histogram
 * sees the telemetry inserts, and that the live-clients gauge follows real Socket.IO clients.
 */
import dgram from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeMessage, minimal } from '../protocol/index.ts';
import { MavlinkSender } from './support/mavlink-sender.ts';
import { eventually, startHarness, type ApiClient, type PlatformHarness } from './support/platform-harness.ts';
import { databaseKinds } from './support/test-database.ts';

const METRICS_TOKEN = 'scraper-secret-for-the-metrics-test';
const KASUNGU_POINT = [33.40, -13.06] as const;

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition (`name{label="value",…} number` lines; comments skipped). */
function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not an exposition line: ${line}`);
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((label) => [label[1]!, label[2]!]));
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

/** The value of the one sample named `name` whose labels include `labels` (0 when there is none). */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value));
  if (found.length > 1) throw new Error(`${name} ${JSON.stringify(labels)} matches ${found.length} samples`);
  return found[0]?.value ?? 0;
}

describe.each(databaseKinds())('Prometheus metrics on the %s database', (kind) => {
  let harness: PlatformHarness;
  let admin: ApiClient;
  const senders: MavlinkSender[] = [];
  const raw = dgram.createSocket('udp4');

  const scrape = async (): Promise<Sample[]> => {
    const response = await fetch(`${harness.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    return parseExposition(await response.text());
  };
  const sendRaw = (bytes: Buffer) => new Promise<void>((resolve, reject) => raw.send(bytes, harness.udpPort, '127.0.0.1', (error) => (error ? reject(error) : resolve())));

  beforeAll(async () => {
    harness = await startHarness(kind, { METRICS_TOKEN });
    admin = await harness.signIn('admin');
    await new Promise<void>((resolve) => raw.bind(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    senders.forEach((sender) => sender.close());
    raw.close();
    await harness?.stop();
  });

  it('answers the scraper’s token and admins only: never anonymous callers, other roles or a wrong token', async () => {
    const url = `${harness.baseUrl}/metrics`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'Bearer not-the-metrics-token-at-all' } })).status).toBe(401);
    expect((await harness.api.fetch('/metrics')).status).toBe(403); // the demo operator
    expect((await (await harness.signIn('kasunguPartner')).fetch('/metrics')).status).toBe(403);
    const asAdmin = await admin.fetch('/metrics');
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const asScraper = await fetch(url, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(asScraper.status).toBe(200);
    const samples = parseExposition(await asScraper.text());
    // Node's own process metrics come too.
    expect(valueOf(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(samples.some((sample) => sample.name === 'nodejs_eventloop_lag_p99_seconds')).toBe(true);
  });

  it('counts exactly the frames, bytes, gaps, positions and fence evaluations real UDP traffic caused', async () => {
    const link = harness.platform.links[0]!.id;
    const before = await scrape();
    let bytesSent = 0;
    // Aircraft A (system id 99): an armed heartbeat and five positions in Kasungu: 6 valid frames, 5 positions, 5 fence checks.
    const aircraft = new MavlinkSender(harness.udpPort, 99);
    senders.push(aircraft);
    const send = aircraft.send.bind(aircraft);
    aircraft.send = async (message) => {
      bytesSent += encodeMessage(message, { systemId: 99, componentId: 1, sequence: 0 }).length;
      await send(message);
    };
    await aircraft.heartbeat({ armed: true });
    for (let i = 0; i < 5; i += 1) await aircraft.position(KASUNGU_POINT[0] + i * 0.0005, KASUNGU_POINT[1], 40, 1050, i * 200);
    // Aircraft B (system id 77, another socket): heartbeats with sequence 0 then 3 — 2 valid frames, 2 lost.
    const heartbeat = new minimal.Heartbeat();
    heartbeat.type = minimal.MavType.QUADROTOR;
    heartbeat.autopilot = minimal.MavAutopilot.ARDUPILOTMEGA;
    const other = new MavlinkSender(harness.udpPort, 77);
    senders.push(other);
    for (const sequence of [0, 3]) {
      const bytes = encodeMessage(heartbeat, { systemId: 77, componentId: 1, sequence });
      bytesSent += bytes.length;
      await other.sendBytes(bytes);
    }
    // From a third socket: two frames with a broken CRC and one of a message id nobody knows.
    const broken = encodeMessage(heartbeat, { systemId: 55, componentId: 1, sequence: 0 });
    broken.writeUInt8(broken.readUInt8(broken.length - 1) ^ 0xff, broken.length - 1);
    const unknown = encodeMessage(heartbeat, { systemId: 55, componentId: 1, sequence: 1 });
    unknown.writeUIntLE(0x0ecdab, 7, 3); // MAVLink 2 message id, bytes 7–9
    for (const bytes of [broken, broken, unknown]) {
      bytesSent += bytes.length;
      await sendRaw(bytes);
    }

    const delta = (after: Sample[], name: string, labels: Record<string, string> = {}) => valueOf(after, name, labels) - valueOf(before, name, labels);
    const after = await eventually(async () => {
      const samples = await scrape();
      return delta(samples, 'corridor_mavlink_packets_total', { link, result: 'valid' }) >= 8 && delta(samples, 'corridor_positions_total') >= 5 ? samples : null;
    }, 'the frames counted');
    expect({
      valid: delta(after, 'corridor_mavlink_packets_total', { link, result: 'valid' }),
      badCrc: delta(after, 'corridor_mavlink_packets_total', { link, result: 'bad_crc' }),
      unknown: delta(after, 'corridor_mavlink_packets_total', { link, result: 'unknown_message' }),
      lost: delta(after, 'corridor_mavlink_lost_packets_total', { link }),
      bytes: delta(after, 'corridor_mavlink_received_bytes_total', { link }),
      messages: delta(after, 'corridor_ingest_messages_total'),
      positions: delta(after, 'corridor_positions_total'),
      fenceEvaluations: delta(after, 'corridor_fence_evaluation_seconds_count'),
    }).toEqual({ valid: 8, badCrc: 2, unknown: 1, lost: 2, bytes: bytesSent, messages: 8, positions: 5, fenceEvaluations: 5 });
    expect(delta(after, 'corridor_fence_evaluation_seconds_sum')).toBeGreaterThan(0);

    // The armed aircraft's positions are telemetry of its flight: once written, the insert histogram has them.
    await harness.platform.writeQueue.flush();
    const written = await scrape();
    expect(delta(written, 'corridor_telemetry_rows_written_total')).toBe(5);
    expect(delta(written, 'corridor_database_query_seconds_count', { operation: 'insert', outcome: 'ok' })).toBeGreaterThan(0);
    expect(valueOf(written, 'corridor_database_query_seconds_sum', { operation: 'insert', outcome: 'ok' })).toBeGreaterThan(0);
    expect(valueOf(written, 'corridor_write_queue_depth')).toBe(0);
    expect(valueOf(written, 'corridor_spool_rows')).toBe(0);
    expect(valueOf(written, 'corridor_database_reachable')).toBe(1);
    expect(written.some((sample) => sample.name === 'corridor_spool_full' && sample.value === 0)).toBe(true);
  });

  it('counts database errors as errors', async () => {
    const before = await scrape();
    await expect(harness.platform.database.knex.raw('select * from no_such_table_for_metrics')).rejects.toThrow();
    const after = await scrape();
    const errors = (samples: Sample[]) => valueOf(samples, 'corridor_database_query_seconds_count', { operation: 'raw', outcome: 'error' });
    expect(errors(after) - errors(before)).toBe(1);
  });

  it('reports the signed-in Socket.IO clients connected now', async () => {
    const clients = (samples: Sample[]) => valueOf(samples, 'corridor_live_clients');
    expect(clients(await scrape())).toBe(0);
    const first = await harness.connectClient();
    const second = await harness.connectClient(admin);
    expect(clients(await scrape())).toBe(2);
    first.socket.disconnect();
    await eventually(async () => clients(await scrape()) === 1, 'one client left');
    second.socket.disconnect();
    await eventually(async () => clients(await scrape()) === 0, 'no client left');
  });
});
