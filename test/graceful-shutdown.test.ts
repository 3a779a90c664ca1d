/**
 * SIGTERM flushes everything (issue 9, faults), on each database: the real server process
 * (`tsx server/main.ts`) takes a burst of positions over UDP and is sent SIGTERM right after the
 * last one; it exits 0, and every position sent is in the database and every packet of the flight
 * in its .tlog. On PostgreSQL also the other way out: with the database unplugged (a loopback
 * proxy, test/support/tcp-proxy.ts) the flush cannot finish, and past SHUTDOWN_DEADLINE_MS the
 * server says so and exits 1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import knexFactory from 'knex';
import { afterEach, describe, expect, it } from 'vitest';
import { readTlog } from '../protocol/index.ts';
import { openDatabase } from '../server/db/database.ts';
import { MavlinkSender } from './support/mavlink-sender.ts';
import { eventually } from './support/platform-harness.ts';
import { TcpProxy } from './support/tcp-proxy.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/test-database.ts';
import { freePort } from './support/server-process.ts';

const POSITIONS = 150;


/** `tsx server/main.ts` as a child process, its pino lines parsed, and its exit. */
interface ServerProcess {
  child: ChildProcess;
  udpPort: number;
  logs: Array<Record<string, unknown>>;
  exited: Promise<number | null>;
}

async function startServer(database: TestDatabase, env: Record<string, string> = {}): Promise<ServerProcess> {
  const [httpPort, udpPort] = [await freePort('tcp'), await freePort('udp')];
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env, PORT: String(httpPort), HOST: '127.0.0.1', MAVLINK_LINKS: `udpin:127.0.0.1:${udpPort}`, DATA_DIR: database.dataDir,
      DATABASE_URL: database.databaseUrl ?? '', SEED_DEMO: 'true', LOG_LEVEL: 'info', WEB_DIST_DIR: 'dist/web', ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const logs: Array<Record<string, unknown>> = [];
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      logs.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      logs.push({ msg: line }); // not pino's (a stray print): kept as text for the failure message
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await eventually(() => logs.some((line) => line.msg === 'platform started') || child.exitCode !== null, 'the server started', 90_000);
  if (child.exitCode !== null) throw new Error(`the server exited at start: ${JSON.stringify(logs.slice(-5))}`);
  return { child, udpPort, logs, exited };
}

/** Arm KAS-1 and send `count` positions at 100 Hz; resolves right after the last one left. */
async function flyBurst(sender: MavlinkSender, count: number, fromIndex = 0): Promise<void> {
  await sender.heartbeat({ armed: true });
  for (let i = fromIndex; i < fromIndex + count; i += 1) {
    await sender.position(33.44 + i * 0.00001, -13.0, 40, 1050, i * 10);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.each(databaseKinds())('SIGTERM on the %s database', (kind) => {
  let database: TestDatabase | null = null;
  let server: ServerProcess | null = null;
  let proxy: TcpProxy | null = null;
  afterEach(async () => {
    if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
    await server?.exited;
    await proxy?.close();
    await database?.drop();
    server = null;
    proxy = null;
    database = null;
  });

  it('stops taking traffic, stores every position, closes the .tlog and exits 0', async () => {
    database = await createTestDatabase(kind);
    server = await startServer(database);
    const sender = new MavlinkSender(server.udpPort, 11);
    await flyBurst(sender, POSITIONS);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    sender.close();
    expect(server.logs.some((line) => line.msg === 'stopped: every write stored')).toBe(true);

    const opened = await openDatabase({ databaseUrl: database.databaseUrl, dataDir: database.dataDir, migrate: false });
    try {
      const flights = await opened.knex('flights').where({ system_id: 11 }).select('id');
      expect(flights).toHaveLength(1);
      const [stored] = await opened.knex('telemetry').where({ flight_id: flights[0]!.id }).count<{ n: string }[]>({ n: '*' });
      expect(Number(stored!.n)).toBe(POSITIONS);
      // The .tlog: the arming heartbeat and every position, nothing cut off by the stop.
      const entries = [...readTlog(fs.readFileSync(path.join(database.dataDir, 'flight-logs', `${flights[0]!.id as string}.tlog`)))];
      expect(entries.map((entry) => entry.frame.name)).toEqual(['HEARTBEAT', ...Array<string>(POSITIONS).fill('GLOBAL_POSITION_INT')]);
    } finally {
      await opened.close();
    }
  });

  // Only PostgreSQL can be unplugged (behind a TCP proxy); the embedded database lives in the server process.
  if (kind === 'postgres') it('with the database unplugged, gives up after SHUTDOWN_DEADLINE_MS and exits 1, saying so', async () => {
    database = await createTestDatabase(kind);
    const url = new URL(database.databaseUrl!);
    proxy = new TcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.port = String(await proxy.listen());
    server = await startServer({ ...database, databaseUrl: url.toString() }, { SHUTDOWN_DEADLINE_MS: '3000' });
    const sender = new MavlinkSender(server.udpPort, 11);
    await flyBurst(sender, 20);
    proxy.cut('refuse');
    await flyBurst(sender, 20, 20);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(1);
    sender.close();
    const gaveUp = server.logs.find((line) => line.msg === 'stopping took longer than SHUTDOWN_DEADLINE_MS: exiting with writes not stored');
    expect(gaveUp).toMatchObject({ level: 50, deadlineMs: 3000 });
    expect(Number(gaveUp!.queued)).toBeGreaterThan(0);
    const direct = knexFactory({ client: 'pg', connection: database.databaseUrl!, pool: { min: 0, max: 1 } });
    try {
      // Only what was stored before the cut is there: the deadline really did cut the flush short.
      const [stored] = await direct('telemetry').count<{ n: string }[]>({ n: '*' });
      expect(Number(stored!.n)).toBeLessThan(40);
    } finally {
      await direct.destroy();
    }
  });
});
