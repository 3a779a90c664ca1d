/**
 * Starts the real platform on a fresh test database with ephemeral ports (HTTP and a
 * loopback UDP link), and a real Socket.IO client that records every event it receives.
 */
import { pino } from 'pino';
import { io, type Socket } from 'socket.io-client';
import { loadConfig } from '../../server/config.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../server/contracts/index.ts';
import type { DatabaseKind } from '../../server/db/database.ts';
import { startPlatform, type RunningPlatform } from '../../server/platform.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export type RecordedEvent = { [K in keyof ServerToClientEvents]: { name: K; payload: Parameters<ServerToClientEvents[K]>[0]; atMs: number } }[keyof ServerToClientEvents];

export interface PlatformHarness {
  platform: RunningPlatform;
  database: TestDatabase;
  baseUrl: string;
  udpPort: number;
  /** Connect a Socket.IO client that records events into `events`. */
  connectClient(): Promise<{ socket: Socket<ServerToClientEvents, ClientToServerEvents>; events: RecordedEvent[] }>;
  stop(): Promise<void>;
}

const EVENT_NAMES: (keyof ServerToClientEvents)[] = ['vehicle:telemetry', 'vehicle:link', 'alert:raised', 'violation:started', 'violation:ended'];

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
  const platform = await startPlatform(config, pino({ level: config.logLevel }));
  const baseUrl = `http://127.0.0.1:${platform.httpPort}`;
  const sockets: Socket[] = [];
  return {
    platform,
    database,
    baseUrl,
    udpPort: platform.links[0]!.port,
    async connectClient() {
      const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(baseUrl, { transports: ['websocket'], forceNew: true });
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
    async stop() {
      for (const socket of sockets) socket.disconnect();
      await platform.close();
      await database.drop();
    },
  };
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
