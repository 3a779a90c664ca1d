/**
 * Socket.IO on the HTTP server, and the LivePublisher the ingest path pushes through.
 * Every client is in one room for now; the access-control work puts clients in rooms by
 * corridor and organisation after the handshake.
 */
import type http from 'node:http';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../contracts/index.ts';
import type { LivePublisher } from '../services/ingest.ts';

export interface LiveSocket {
  publisher: LivePublisher;
  close(): Promise<void>;
}

const EVERYONE = 'live';

/** Attach Socket.IO to `httpServer` and return the publisher that feeds it. */
export function attachLiveSocket(httpServer: http.Server, logger: Logger): LiveSocket {
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(httpServer, { serveClient: false });
  io.on('connection', (socket) => {
    logger.debug({ socketId: socket.id }, 'client connected');
    void socket.join(EVERYONE);
  });
  const room = () => io.to(EVERYONE);
  return {
    publisher: {
      vehicleTelemetry: (vehicle) => room().volatile.emit('vehicle:telemetry', vehicle),
      vehicleLink: (vehicle) => room().emit('vehicle:link', vehicle),
      alertRaised: (alert) => room().emit('alert:raised', alert),
      violationStarted: (violation) => room().emit('violation:started', violation),
      violationEnded: (violation) => room().emit('violation:ended', violation),
    },
    close: () => new Promise<void>((resolve) => void io.close(() => resolve())),
  };
}
