/**
 * Socket.IO on the HTTP server, and the LivePublisher the ingest path pushes through.
 *
 * A client is admitted only with a live session cookie or an API token (`auth: {token}`), from the
 * page's own origin, and is then put in the rooms its grants allow (access-policy's roomsOf). Every
 * event goes to the rooms of what it is about (roomsFor): a partner's socket never receives another
 * partner's aircraft. A revoked session, token or re-granted person is disconnected at once.
 * Staff (admins, operators, regulators) also join STAFF_ROOM, for this process's storage alarms.
 */
import type http from 'node:http';
import type { Logger } from 'pino';
import { Server, type Socket } from 'socket.io';
import type { AlertView, BookingView, ClientToServerEvents, PlatformAlarmsEvent, ServerToClientEvents, VehicleView } from '../contracts/index.ts';
import { hasRole, roomsFor, roomsOf, type Audience, type Principal } from '../services/access-policy.ts';
import { sessionSecretOf, type Authenticator, type RevokedCredentials } from '../services/authenticator.ts';
import type { LivePublisher } from '../services/ingest.ts';
import type { CrossProcess } from './cross-process.ts';

export interface LiveSocket {
  publisher: LivePublisher;
  /** A booking was requested, decided, changed or moved by the clock. */
  bookingChanged(booking: BookingView): void;
  alertAcknowledged(alert: AlertView): void;
  /** This process's storage alarms, to the staff connected to this process only (each process has its own write queue). */
  platformAlarms(event: PlatformAlarmsEvent): void;
  /** Disconnect the sockets of revoked sessions, tokens or people (they may reconnect with what they still hold). */
  disconnect(revoked: RevokedCredentials): void;
  /** Signed-in clients connected now (for the metrics). */
  connectedClients(): number;
  close(): Promise<void>;
}

/** Who receives each server event: the rooms of what it is about. test/access-matrix walks this list. */
export const LIVE_EVENT_AUDIENCE = {
  'vehicle:telemetry': 'the vehicle’s corridor (or no-corridor) and its partner',
  'vehicle:link': 'the vehicle’s corridor (or no-corridor) and its partner',
  'alert:raised': 'the alert’s corridor (or no-corridor) and its partner',
  'alert:acknowledged': 'the alert’s corridor (or no-corridor) and its partner',
  'violation:started': 'the violation’s corridor and its partner',
  'violation:ended': 'the violation’s corridor and its partner',
  'booking:changed': 'the booking’s corridor and its partner',
  'platform:alarms': 'staff (admins, operators, regulators) connected to the process whose write queue it is about; never partners',
} as const satisfies Record<keyof ServerToClientEvents, string>;

/** Events clients may send, with who may send them; none yet (every one added needs a rule here). */
export const CLIENT_EVENT_RULES = {} as const satisfies Record<keyof ClientToServerEvents, string>;

const MESSAGES = { signIn: 'Sign in first: a session cookie, or auth: { token: <API token> }' } as const;

/** The room of every staff socket: the storage alarms are about the platform, not a corridor or a partner. */
const STAFF_ROOM = 'staff';
const isStaff = (principal: Principal) => hasRole(principal, ['admin', 'operator', 'regulator']);

type LiveServerSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { principal: Principal }>;

/** Whether a handshake comes from this server's own pages (no Origin: not a browser, so no ambient cookie risk). */
function isSameOrigin(request: http.IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false; // an Origin that is not a URL is not ours
  }
}

async function principalOfHandshake(authenticator: Authenticator, socket: LiveServerSocket): Promise<Principal | null> {
  const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  if (typeof token === 'string') return (await authenticator.fromTokenSecret(token))?.principal ?? null;
  const secret = sessionSecretOf(socket.handshake.headers.cookie);
  return secret ? ((await authenticator.fromSessionSecret(secret))?.principal ?? null) : null;
}

/**
 * Positions of one vehicle go out at most `hz` times a second, so a page with hundreds of aircraft is
 * not flooded; alerts, link changes and violations are not throttled. A position that arrives once the
 * interval has passed goes out at once, so what a page gets is as fresh as the pipeline allows (holding
 * the latest until the interval's end instead added up to one reporting period, e.g. 100 ms at 10 Hz,
 * to every position a page saw). One held back goes out `graceMs` after its interval if no newer one
 * came by then (the aircraft stopped reporting): nothing is sent later than interval + grace.
 */
function throttlePerVehicle(hz: number, send: (vehicle: VehicleView) => void): { push(vehicle: VehicleView): void; stop(): void } {
  const intervalMs = 1000 / hz;
  const graceMs = intervalMs / 2;
  const lastSentAtMs = new Map<string, number>();
  const waiting = new Map<string, VehicleView>();
  const timers = new Map<string, NodeJS.Timeout>();
  const sendNow = (vehicle: VehicleView) => {
    clearTimeout(timers.get(vehicle.id));
    timers.delete(vehicle.id);
    waiting.delete(vehicle.id);
    lastSentAtMs.set(vehicle.id, Date.now());
    send(vehicle);
  };
  const sendHeldBack = (id: string) => {
    timers.delete(id);
    const vehicle = waiting.get(id);
    if (vehicle) sendNow(vehicle);
  };
  return {
    push(vehicle) {
      const sinceMs = Date.now() - (lastSentAtMs.get(vehicle.id) ?? 0);
      if (sinceMs >= intervalMs) return sendNow(vehicle);
      waiting.set(vehicle.id, vehicle);
      if (!timers.has(vehicle.id)) timers.set(vehicle.id, setTimeout(() => sendHeldBack(vehicle.id), intervalMs - sinceMs + graceMs));
    },
    stop() {
      for (const timer of timers.values()) clearTimeout(timer);
    },
  };
}

export interface LiveSocketOptions {
  /** Positions of one vehicle at most this often a second. */
  telemetryHz: number;
  /** Several server processes: broadcasts also reach the other processes' sockets (default: this process only). */
  crossProcess?: Pick<CrossProcess, 'attach'>;
  /** This process's storage alarms now, sent to a staff socket as it connects (default: nothing sent). */
  currentAlarms?: () => PlatformAlarmsEvent;
}

/** Attach Socket.IO to `httpServer` and return the publisher that feeds it; vehicle positions at most `telemetryHz` a second each. */
export function attachLiveSocket(httpServer: http.Server, authenticator: Authenticator, logger: Logger, options: LiveSocketOptions = { telemetryHz: 2 }): LiveSocket {
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { principal: Principal }>(httpServer, {
    serveClient: false,
    allowRequest: (request, callback) => callback(isSameOrigin(request) ? null : 'cross-origin connection refused', isSameOrigin(request)),
  });
  // Several server processes: broadcasts also reach the other processes' sockets (cross-process.ts).
  options.crossProcess?.attach(io);
  io.use((socket, next) => {
    principalOfHandshake(authenticator, socket).then(
      (principal) => {
        if (!principal) return next(new Error(MESSAGES.signIn));
        socket.data.principal = principal;
        next();
      },
      (error: Error) => next(error),
    );
  });
  io.on('connection', (socket) => {
    const { principal } = socket.data;
    const credential = principal.sessionId ? `session:${principal.sessionId}` : `token:${principal.tokenId}`;
    const staff = isStaff(principal);
    void socket.join([...roomsOf(principal), credential, `user:${principal.userId}`, ...(staff ? [STAFF_ROOM] : [])]);
    // Even an empty list: a page that reconnects (perhaps to another process) drops an alarm that ended meanwhile.
    if (staff && options.currentAlarms) socket.emit('platform:alarms', options.currentAlarms());
    logger.debug({ socketId: socket.id, user: principal.label }, 'client connected');
  });
  const to = (audience: Audience) => io.to(roomsFor(audience));
  // Volatile: a client whose connection is still busy with an earlier frame (slow or stuck, not reading)
  // skips positions instead of queueing them in this process's memory (test/slow-clients.test.ts: six
  // stuck clients grow the heap by ~45 MB in 20 s without it, ~1 MB with it); the next one it can take is
  // the latest anyway. The other events are rare and must arrive, so they queue; a client that never
  // reads is dropped by Engine.IO's heartbeat (pingInterval 25 s + pingTimeout 20 s), freeing its queue.
  const telemetry = throttlePerVehicle(options.telemetryHz, (vehicle) => to(vehicle).volatile.emit('vehicle:telemetry', vehicle));
  return {
    publisher: {
      vehicleTelemetry: (vehicle) => telemetry.push(vehicle),
      vehicleLink: (vehicle) => to(vehicle).emit('vehicle:link', vehicle),
      alertRaised: (alert) => to(alert).emit('alert:raised', alert),
      violationStarted: (violation) => to(violation).emit('violation:started', violation),
      violationEnded: (violation) => to(violation).emit('violation:ended', violation),
    },
    bookingChanged: (booking) => to(booking).emit('booking:changed', booking),
    alertAcknowledged: (alert) => to(alert).emit('alert:acknowledged', alert),
    // io.local: not through the cross-process adapter, whose other processes have write queues of their own.
    platformAlarms: (event) => io.local.to(STAFF_ROOM).emit('platform:alarms', event),
    disconnect(revoked) {
      const rooms = [
        ...(revoked.sessionIds ?? []).map((id) => `session:${id}`),
        ...(revoked.tokenIds ?? []).map((id) => `token:${id}`),
        ...(revoked.userIds ?? []).map((id) => `user:${id}`),
      ];
      if (rooms.length > 0) io.in(rooms).disconnectSockets(true);
    },
    connectedClients: () => io.of('/').sockets.size,
    close: () => {
      telemetry.stop();
      return new Promise<void>((resolve) => void io.close(() => resolve()));
    },
  };
}
