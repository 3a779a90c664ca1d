/**
 * Plumbing of the end-to-end benchmark: free ports, a scratch database of each kind, a process's
 * CPU time and resident memory from /proc, Prometheus text parsing, quantiles.
 */
import { execFileSync } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';

export type DatabaseKind = 'embedded' | 'postgres';

export const ADMIN_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A TCP port free on 127.0.0.1 now (bound and released; the server binds it a moment later). */
export async function freeTcpPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `count` distinct UDP ports free on 127.0.0.1 now. */
export async function freeUdpPorts(count: number): Promise<number[]> {
  const sockets = await Promise.all(Array.from({ length: count }, async () => {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    return socket;
  }));
  const ports = sockets.map((socket) => socket.address().port);
  sockets.forEach((socket) => socket.close());
  return ports;
}

export interface ScratchDatabase {
  /** DATABASE_URL for the server; null for the embedded one. */
  url: string | null;
  dataDir: string;
  /** The server's database, opened by this process (after the server stopped, for the embedded one). */
  open(): Promise<{ knex: Knex; close(): Promise<void> }>;
  /** PIDs of the PostgreSQL backends serving this database now (empty for the embedded one). */
  backendPids(): Promise<number[]>;
  drop(): Promise<void>;
}

/** A fresh data folder, and for PostgreSQL a fresh database on the local cluster (dropped by `drop`). */
export async function scratchDatabase(kind: DatabaseKind, label: string): Promise<ScratchDatabase> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), `corridor-e2e-${label}-`));
  if (kind === 'embedded') {
    return {
      url: null,
      dataDir,
      async open() {
        const { openDatabase } = await import('../../server/db/database.ts');
        return openDatabase({ databaseUrl: null, dataDir, migrate: false });
      },
      backendPids: async () => [],
      drop: () => fs.rm(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `corridor_e2e_${process.pid}_${label.replace(/\W/g, '_')}`;
  const admin = knexFactory({ client: 'pg', connection: ADMIN_DATABASE_URL, pool: { min: 0, max: 1 } });
  await admin.raw(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.raw(`CREATE DATABASE "${name}"`);
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dataDir,
    async open() {
      const knex = knexFactory({ client: 'pg', connection: url.toString(), pool: { min: 0, max: 1 } });
      return { knex, close: () => knex.destroy() };
    },
    async backendPids() {
      const { rows } = await admin.raw<{ rows: Array<{ pid: number }> }>('select pid from pg_stat_activity where datname = ?', [name]);
      return rows.map((row) => row.pid);
    },
    async drop() {
      await admin.raw(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.destroy();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

const CLOCK_TICKS_PER_S = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100; // Linux's usual USER_HZ
  }
})();

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat; null once it is gone. */
export async function cpuSecondsOf(pid: number): Promise<number | null> {
  try {
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from the 3rd (state) on
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S; // utime, stime: fields 14 and 15
  } catch {
    return null; // the process ended
  }
}

/** Resident memory of a process in MB (VmRSS), from /proc/<pid>/status; null once it is gone. */
export async function residentMbOf(pid: number): Promise<number | null> {
  try {
    const status = await fs.readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb === undefined ? null : Number(kb) / 1024;
  } catch {
    return null;
  }
}

/** Sum of the samples named `name` in a Prometheus text exposition whose labels include `labels`. */
export function metricValue(exposition: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of exposition.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const text = match[2] ?? '';
    if (Object.entries(labels).every(([key, value]) => text.includes(`${key}="${value}"`))) total += Number(match[3]);
  }
  return total;
}

/** The q-quantile of ascending `sorted` values (NaN when empty). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
