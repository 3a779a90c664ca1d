/**
 * Starts the real platform on a fresh test database with ephemeral ports (HTTP and a
 * loopback UDP link), signs in as the seeded demo accounts, and connects real Socket.IO
 * clients that record every event they receive.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { io, type Socket } from 'socket.io-client';
import { loadConfig } from '../../server/config.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../server/contracts/index.ts';
import type { DatabaseKind } from '../../server/db/database.ts';
import { startPlatform, type RunningPlatform } from '../../server/platform.ts';
import { LIVE_EVENT_AUDIENCE } from '../../server/realtime/live-socket.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export type RecordedEvent = { [K in keyof ServerToClientEvents]: { name: K; payload: Parameters<ServerToClientEvents[K]>[0]; atMs: number } }[keyof ServerToClientEvents];

/** The demo accounts the server seeds (SEED_DEMO), by a short name. */
export const DEMO_EMAILS = {
  admin: 'admin@corridor.demo',
  operator: 'operator@corridor.demo',
  regulator: 'regulator@corridor.demo',
  kasunguPartner: 'partner@kasungu-health.demo',
  pacificPartner: 'partner@pacific-mapping.demo',
} as const;
export type DemoAccountName = keyof typeof DEMO_EMAILS;

/** A signed-in HTTP client: the session cookie and CSRF token go with every request. */
export interface ApiClient {
  cookie: string;
  csrfToken: string;
  /** fetch(baseUrl + path) as this person; adds X-CSRF-Token to changes and JSON content type to object bodies. */
  fetch(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  /** GET `path` and parse the JSON answer (throws on a non-2xx answer, with its body). */
  getJson<T>(path: string): Promise<T>;
}

export interface PlatformHarness {
  platform: RunningPlatform;
  database: TestDatabase;
  baseUrl: string;
  udpPort: number;
  /** Signed in as the demo operator of every corridor (what most tests act as). */
  api: ApiClient;
  /** The password of a demo account. */
  passwordOf(email: string): string;
  /** Sign in as `account` (a demo account name or any email + password). */
  signIn(account: DemoAccountName | { email: string; password: string }): Promise<ApiClient>;
  /** Connect a Socket.IO client that records events into `events`; as the demo operator unless `as` says otherwise. */
  connectClient(as?: ApiClient | { token: string }): Promise<{ socket: Socket<ServerToClientEvents, ClientToServerEvents>; events: RecordedEvent[] }>;
  /** Stop the platform and start it again on the same database and data folder (new ports: read baseUrl again). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Sign in over HTTP; throws with the server's answer when it refuses. */
export async function signInAt(base: string | (() => string), email: string, password: string): Promise<ApiClient> {
  const baseUrlOf = typeof base === 'string' ? () => base : base; // a getter follows the server across restarts
  const response = await fetch(`${baseUrlOf()}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!response.ok) throw new Error(`sign-in as ${email} refused: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().map((header) => header.split(';')[0]).join('; ');
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const client: ApiClient = {
    cookie,
    csrfToken,
    fetch: (requestPath, init = {}) => {
      const { json, ...rest } = init;
      const headers = new Headers(rest.headers);
      headers.set('cookie', cookie);
      if ((rest.method ?? 'GET') !== 'GET') headers.set('x-csrf-token', csrfToken);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return fetch(`${baseUrlOf()}${requestPath}`, { ...rest, headers, body: json !== undefined ? JSON.stringify(json) : rest.body });
    },
    getJson: async <T>(requestPath: string) => {
      const answer = await client.fetch(requestPath);
      if (!answer.ok) throw new Error(`GET ${requestPath}: ${answer.status} ${await answer.text()}`);
      return (await answer.json()) as T;
    },
  };
  return client;
}

/** Every server event there is (a new one is recorded without a change here). */
const EVENT_NAMES = Object.keys(LIVE_EVENT_AUDIENCE) as (keyof ServerToClientEvents)[];

/** Start a platform for a test file; `env` overrides the server's environment. */
export async function startHarness(kind: DatabaseKind, env: Record<string, string> = {}): Promise<PlatformHarness> {
  const database = await createTestDatabase(kind);
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    MAVLINK_LINKS: 'udpin:127.0.0.1:0',
    DATA_DIR: database.dataDir,
    DATABASE_URL: database.databaseUrl ?? undefined,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    WEB_DIST_DIR: 'dist/web',
    // Tops up the demo aircraft's bookings, which the cached template may hold for past days only.
    SEED_DEMO: 'true',
    ...env,
  });
  let platform = await startPlatform(config, pino({ level: config.logLevel }));
  let baseUrl = `http://127.0.0.1:${platform.httpPort}`;
  const sockets: Socket[] = [];
  const accounts = JSON.parse(fs.readFileSync(path.join(database.dataDir, 'demo-accounts.json'), 'utf8')) as Array<{ email: string; password: string }>;
  const passwordOf = (email: string) => accounts.find((account) => account.email === email)?.password ?? '(not a demo account)';
  const signIn = (account: DemoAccountName | { email: string; password: string }) =>
    typeof account === 'string' ? signInAt(() => baseUrl, DEMO_EMAILS[account], passwordOf(DEMO_EMAILS[account])) : signInAt(() => baseUrl, account.email, account.password);
  const api = await signIn('operator');
  const harness: PlatformHarness = {
    platform,
    database,
    baseUrl,
    udpPort: platform.links[0]!.port,
    api,
    passwordOf,
    signIn,
    async connectClient(as = api) {
      const credentials = 'token' in as ? { auth: { token: as.token } } : { extraHeaders: { cookie: as.cookie } };
      const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(baseUrl, { transports: ['websocket'], forceNew: true, ...credentials });
      sockets.push(socket);
      const events: RecordedEvent[] = [];
      for (const name of EVENT_NAMES) {
        socket.on(name, ((payload: never) => events.push({ name, payload, atMs: Date.now() } as RecordedEvent)) as never);
      }
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      return { socket, events };
    },
    async restart() {
      await platform.close();
      platform = await startPlatform(config, pino({ level: config.logLevel }));
      baseUrl = `http://127.0.0.1:${platform.httpPort}`;
      Object.assign(harness, { platform, baseUrl, udpPort: platform.links[0]!.port });
    },
    async stop() {
      for (const socket of sockets) socket.disconnect();
      await platform.close();
      await database.drop();
    },
  };
  return harness;
}

/** Poll `probe` until it returns a value (not null/undefined/false), or fail after `timeoutMs`. */
export async function eventually<T>(probe: () => T | null | undefined | false | Promise<T | null | undefined | false>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== null && value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error; // kept for the failure message; the probe may succeed on a later try
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out waiting for ${what}${lastError ? `: ${(lastError as Error).message}` : ''}`);
}
