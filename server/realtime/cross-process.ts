/**
 * Several server processes on one PostgreSQL: Socket.IO broadcasts cross processes through
 * @socket.io/postgres-adapter (LISTEN/NOTIFY, payloads over 8,000 bytes through the
 * `socket_io_attachments` table of migration 010), and processes ask each other what only one of
 * them knows — the aircraft on its links — with `serverSideEmit` and acknowledgements.
 *
 * ```
 * process B: ingest ─▶ io.to(rooms).emit ─▶ B's sockets
 *                                       └─▶ pg_notify('socket.io#/') ─▶ process A's adapter ─▶ A's sockets
 * process A: GET /api/vehicles ─▶ local vehicles + mirror of B's (asked every 2 s: 'vehicles')
 *            POST /api/vehicles/:id/commands for B's aircraft ─▶ ask('command') ─▶ B sends it, answers the ACK
 *            a zone or aircraft changed ─▶ tell('zones:changed') ─▶ B reloads its fences / aircraft at once
 * ```
 *
 * With one process (`LIVE_ADAPTER=none`, and always on the embedded database) `singleProcess` does
 * nothing and every question has no other answers.
 */
import pg from 'pg';
import type { Logger } from 'pino';
import { createAdapter } from '@socket.io/postgres-adapter';
import type { Server } from 'socket.io';

/** A Socket.IO server of any event maps (the adapter and server-side events do not depend on them). */
type AnyServer = Server<any, any, any, any>;
type Answer = (...args: unknown[]) => unknown;

export interface CrossProcess {
  /** Whether other processes may exist (an adapter is installed). */
  readonly isShared: boolean;
  /** Install the adapter and the answers on the Socket.IO server (called where it is created). */
  attach(io: AnyServer): void;
  /** Answer other processes' `question` with what `answer(...args)` resolves to. */
  answer(question: string, answer: Answer): void;
  /** Tell every other process that `event` happened (no answer awaited). */
  tell(event: string): void;
  /** What to do when another process tells `event`. */
  hear(event: string, handler: () => void): void;
  /** Ask every other process; the answers of those that answered within 5 s (none when alone). */
  ask<T>(question: string, ...args: unknown[]): Promise<T[]>;
  /** A copy of the other processes' answers to `question`, asked again every `everyMs`; `current()` never waits. */
  mirror<T>(question: string, everyMs: number): { current(): T[] };
  close(): Promise<void>;
}

/** One process: no adapter, nobody else to ask. */
export const singleProcess: CrossProcess = {
  isShared: false,
  attach: () => undefined,
  answer: () => undefined,
  tell: () => undefined,
  hear: () => undefined,
  ask: async () => [],
  mirror: () => ({ current: () => [] }),
  close: async () => undefined,
};

/** Answers travel as `{ value }` or `{ error }` (an Error's fields do not survive JSON). */
type Envelope = { value: unknown } | { error: { message: string; status?: number; code?: string } };

/** Share live updates through PostgreSQL at `databaseUrl`; its own small pool (one connection LISTENs). */
export function openCrossProcess(databaseUrl: string, options: { logger: Logger }): CrossProcess {
  const { logger } = options;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  pool.on('error', (error) => logger.warn({ err: error }, 'cross-process pool error (the adapter reconnects)'));
  const answers = new Map<string, Answer>();
  const handlers = new Map<string, () => void>();
  const timers = new Set<NodeJS.Timeout>();
  let server: AnyServer | null = null;

  const listen = (io: AnyServer, question: string, answer: Answer) => {
    io.on(question, (...args: unknown[]) => {
      const reply = args.pop() as (envelope: Envelope) => void;
      Promise.resolve()
        .then(() => answer(...args))
        .then(
          (value) => reply({ value }),
          (error: Error & { status?: number; code?: string }) => reply({ error: { message: error.message, status: error.status, code: error.code } }),
        );
    });
  };

  const ask = <T>(question: string, ...args: unknown[]): Promise<T[]> => new Promise((resolve, reject) => {
    if (!server) return resolve([]);
    server.serverSideEmit(question, ...args, (error: Error | null, envelopes: Envelope[]) => {
      // A process that stopped without saying goodbye is dropped after the adapter's heartbeat
      // timeout (10 s); until then its missing answer is a timeout, and the others still count.
      if (error) logger.warn({ err: error, question }, 'a server process did not answer in time');
      const failed = envelopes.find((envelope): envelope is Extract<Envelope, { error: unknown }> => 'error' in envelope);
      if (failed) return reject(Object.assign(new Error(failed.error.message), failed.error));
      resolve(envelopes.map((envelope) => (envelope as { value: T }).value));
    });
  });

  return {
    isShared: true,
    attach(io) {
      server = io;
      io.adapter(createAdapter(pool, { errorHandler: (error) => logger.warn({ err: error }, 'Socket.IO PostgreSQL adapter error') }));
      for (const [question, answer] of answers) listen(io, question, answer);
      for (const [event, handler] of handlers) io.on(event, handler);
      logger.info('live updates shared with the other server processes through PostgreSQL');
    },
    answer(question, answer) {
      answers.set(question, answer);
      if (server) listen(server, question, answer);
    },
    tell(event) {
      server?.serverSideEmit(event);
    },
    hear(event, handler) {
      handlers.set(event, handler);
      server?.on(event, handler);
    },
    ask,
    mirror<T>(question: string, everyMs: number) {
      let latest: T[] = [];
      let asking = false;
      const refresh = () => {
        if (asking) return;
        asking = true;
        ask<T[]>(question)
          .then((answered) => { latest = answered.flat(); })
          .catch((error: Error) => logger.warn({ err: error, question }, 'asking the other server processes failed'))
          .finally(() => { asking = false; });
      };
      const timer = setInterval(refresh, everyMs);
      timer.unref();
      timers.add(timer);
      return { current: () => latest };
    },
    async close() {
      for (const timer of timers) clearInterval(timer);
      await pool.end();
    },
  };
}
