/**
 * The sockets of one simulated aircraft, as a SITL instance has them: a TCP server (SITL's
 * tcp:5760 + 10·i) that gives each ground station that connects its own channel, starting with
 * ArduCopter's default stream rates (nothing but HEARTBEAT until it asks); and, like sim_vehicle.py's
 * --out, an optional UDP socket sending to one address from the aircraft's own port, answering
 * whoever writes to that port.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server, type Socket } from 'node:net';
import { isIPv6 } from 'node:net';
import { ARDUCOPTER_DEFAULT_RATES_HZ } from './stream-scheduler.ts';
import { PRIMARY_CHANNEL, type SimulatedAircraft } from './simulated-aircraft.ts';

/** A host and port. */
export interface Address {
  host: string;
  port: number;
}

/** Where an endpoint listens and sends, and whom it tells about errors and connections. */
export interface VehicleEndpointOptions {
  /** UDP destination (SITL's --out), or null to only listen on TCP. */
  out: Address | null;
  /** TCP address to listen on (port 0 = ephemeral), or null for no TCP. */
  tcp: Address | null;
  onError: (error: Error) => void;
  onConnection: (remote: string, state: 'connected' | 'disconnected') => void;
}

/** Bytes queued for a ground station that does not read before frames to it are dropped (a radio would drop them too). */
const MAX_QUEUED_BYTES = 256 * 1024;

/** One aircraft's sockets. */
export class VehicleEndpoint {
  private udp: UdpSocket | null = null;
  private server: Server | null = null;
  private readonly connections = new Map<Socket, number>();

  constructor(readonly aircraft: SimulatedAircraft, private readonly options: VehicleEndpointOptions) {
    if (options.out === null) aircraft.closeChannel(PRIMARY_CHANNEL); // nobody reads it: do not queue for it
  }

  /** Local UDP port, or null without --out. */
  get udpPort(): number | null {
    return this.udp?.address().port ?? null;
  }

  /** TCP port listened on, or null without TCP. */
  get tcpPort(): number | null {
    const address = this.server?.address();
    return typeof address === 'object' && address !== null ? address.port : null;
  }

  /** Opens the sockets; rejects with a bind or listen Error (e.g. EADDRINUSE). */
  async open(): Promise<void> {
    if (this.options.out !== null) this.udp = await this.openUdp(this.options.out);
    if (this.options.tcp !== null) this.server = await this.listen(this.options.tcp);
  }

  /** Sends what is due now on every channel (call after the aircraft stepped). */
  flush(): void {
    const out = this.options.out;
    if (this.udp !== null && out !== null) {
      for (const frame of this.aircraft.framesFor(PRIMARY_CHANNEL)) this.udp.send(frame, out.port, out.host, (error) => error && this.options.onError(error));
    }
    for (const [socket, channel] of this.connections) {
      const frames = this.aircraft.framesFor(channel);
      if (frames.length > 0 && socket.writableLength <= MAX_QUEUED_BYTES) socket.write(Buffer.concat(frames));
    }
  }

  /** Closes every socket; resolves once closed. */
  async close(): Promise<void> {
    const udp = this.udp;
    const server = this.server;
    this.udp = null;
    this.server = null;
    for (const socket of this.connections.keys()) socket.destroy();
    await Promise.all([
      udp === null ? undefined : new Promise<void>((resolve) => udp.close(() => resolve())),
      server === null ? undefined : new Promise<void>((resolve) => server.close(() => resolve())),
    ]);
  }

  private openUdp(out: Address): Promise<UdpSocket> {
    const socket = createSocket(isIPv6(out.host) ? 'udp6' : 'udp4');
    return new Promise((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, () => {
        socket.off('error', reject);
        socket.on('error', (error) => this.options.onError(error));
        socket.on('message', (bytes, remote) => {
          for (const reply of this.aircraft.receiveOn(PRIMARY_CHANNEL, bytes)) {
            socket.send(reply, remote.port, remote.address, (error) => error && this.options.onError(error));
          }
        });
        resolve(socket);
      });
    });
  }

  private listen(address: Address): Promise<Server> {
    const server = createServer((socket) => this.accept(socket));
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(address.port, address.host, () => {
        server.off('error', reject);
        server.on('error', (error) => this.options.onError(error));
        resolve(server);
      });
    });
  }

  private accept(socket: Socket): void {
    const remote = `${socket.remoteAddress ?? ''}:${socket.remotePort ?? 0}`;
    const channel = this.aircraft.openChannel(ARDUCOPTER_DEFAULT_RATES_HZ);
    this.connections.set(socket, channel);
    socket.setNoDelay(true);
    socket.on('data', (bytes: Buffer) => {
      const replies = this.aircraft.receiveOn(channel, bytes);
      if (replies.length > 0 && !socket.destroyed) socket.write(Buffer.concat(replies));
    });
    // A ground station that resets the connection is an ordinary event, reported as one; the close below cleans up.
    socket.on('error', (error) => this.options.onError(error));
    socket.on('close', () => {
      this.connections.delete(socket);
      this.aircraft.closeChannel(channel);
      this.options.onConnection(remote, 'disconnected');
    });
    this.options.onConnection(remote, 'connected');
    // Like SITL, the first HEARTBEAT goes out as soon as the ground station is there.
    const first = this.aircraft.framesFor(channel);
    if (first.length > 0) socket.write(Buffer.concat(first));
  }
}
