/**
 * A listening TCP MAVLink link (tcpin:0.0.0.0:5761), as MAVProxy's and QGroundControl's TCP server
 * links: many peers at once, each peer 'ip:port' its own byte stream with its own MavlinkDecoder.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { MessageRegistry } from '../message-registry.ts';
import type { LinkKind, MavlinkLink } from './mavlink-link.ts';
import { LinkBase } from './link-base.ts';
import { formatRemote } from './remote-address.ts';

const badOption = (name: string, expected: string, value: unknown): string => `TcpServerLink: ${name} must be ${expected}, got ${JSON.stringify(value)}`;
const ALREADY_STARTED = 'TcpServerLink.start: already started';

/** Options of TcpServerLink. */
export interface TcpServerLinkOptions {
  /** Link id copied into every ReceivedMessage, e.g. 'tcpin-5761'. */
  id: string;
  /** Address to listen on, e.g. '0.0.0.0', '127.0.0.1' or '::'. */
  host: string;
  /** Port to listen on; 0 = an ephemeral port (start() resolves with it). */
  port: number;
  /** Stamps receivedAtMs (ms since the epoch); default Date.now. */
  clock?: () => number;
  /** Known messages; default defaultRegistry. */
  registry?: MessageRegistry;
  /** Bytes queued for a peer that does not read before send() drops, default 1 MiB. */
  maxQueuedBytes?: number;
}

const DEFAULT_MAX_QUEUED_BYTES = 1024 * 1024;

/** Accepts MAVLink TCP connections; emits 'message', 'connection' and 'error'. */
export class TcpServerLink extends LinkBase implements MavlinkLink {
  readonly kind: LinkKind = 'tcpin';
  private readonly options: TcpServerLinkOptions;
  private readonly connections = new Map<string, Socket>();
  private server: Server | null = null;

  /** Throws an Error naming a bad option. */
  constructor(options: TcpServerLinkOptions) {
    super('TcpServerLink', options);
    if (options.maxQueuedBytes !== undefined && !(options.maxQueuedBytes > 0)) throw new Error(badOption('maxQueuedBytes', 'a positive number', options.maxQueuedBytes));
    this.options = options;
  }

  /** Listens; resolves with the bound port; rejects with the listen Error (e.g. EADDRINUSE). */
  start(): Promise<{ port: number }> {
    if (this.server !== null) return Promise.reject(new Error(ALREADY_STARTED));
    const server = createServer((socket) => this.accept(socket));
    this.server = server;
    return new Promise((resolve, reject) => {
      const onListenError = (error: Error): void => {
        this.server = null;
        reject(error);
      };
      server.once('error', onListenError);
      server.listen(this.options.port, this.options.host, () => {
        server.off('error', onListenError);
        server.on('error', (error) => this.fail(error));
        const address = server.address();
        resolve({ port: typeof address === 'object' && address !== null ? address.port : this.options.port });
      });
    });
  }

  /** Sends raw frames to a connected peer; a counted no-op if it is not connected or backed up. */
  send(remote: string, bytes: Buffer): void {
    const socket = this.connections.get(remote);
    if (socket === undefined || socket.writableLength > (this.options.maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES)) {
      this.dropped++;
      return;
    }
    socket.write(bytes);
  }

  /** Stops listening and closes every connection; resolves once the server is closed. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server === null) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.connections.values()) socket.destroy();
    await closed;
  }

  private accept(socket: Socket): void {
    const remote = formatRemote(socket.remoteAddress, socket.remotePort);
    socket.setNoDelay(true);
    this.connections.set(remote, socket);
    this.streams.open(remote);
    socket.on('data', (bytes: Buffer) => {
      for (const frame of this.streams.push(remote, bytes)) this.emit('message', { linkId: this.id, remote, ...frame });
    });
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => {
      this.connections.delete(remote);
      this.streams.retire(remote);
      this.emit('connection', { remote, state: 'disconnected' });
    });
    this.emit('connection', { remote, state: 'connected' });
  }

}
