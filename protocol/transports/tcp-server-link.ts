/**
 * A listening TCP MAVLink link (tcpin:0.0.0.0:5761), as MAVProxy's and QGroundControl's TCP server
 * links: many peers at once, each peer 'ip:port' its own byte stream with its own MavlinkDecoder.
 */
import { EventEmitter } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import type { LinkStatistics } from '../link-statistics.ts';
import type { MessageRegistry } from '../message-registry.ts';
import type { LinkKind, MavlinkLink, MavlinkLinkEvents } from './mavlink-link.ts';
import { formatRemote } from './remote-address.ts';
import { StreamDecoders } from './stream-decoders.ts';

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
export class TcpServerLink extends EventEmitter<MavlinkLinkEvents> implements MavlinkLink {
  readonly id: string;
  readonly kind: LinkKind = 'tcpin';
  private readonly options: TcpServerLinkOptions;
  private readonly streams: StreamDecoders;
  private readonly connections = new Map<string, Socket>();
  private server: Server | null = null;
  private dropped = 0;

  /** Throws an Error naming a bad option. */
  constructor(options: TcpServerLinkOptions) {
    super();
    if (typeof options.id !== 'string' || options.id === '') throw new Error(badOption('id', 'a non-empty string', options.id));
    if (typeof options.host !== 'string' || options.host === '') throw new Error(badOption('host', 'an IP address', options.host));
    if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) throw new Error(badOption('port', 'an integer 0–65535', options.port));
    if (options.maxQueuedBytes !== undefined && !(options.maxQueuedBytes > 0)) throw new Error(badOption('maxQueuedBytes', 'a positive number', options.maxQueuedBytes));
    this.id = options.id;
    this.options = options;
    this.streams = new StreamDecoders({ clock: options.clock, registry: options.registry });
  }

  /** Connected peers. */
  get remotes(): ReadonlyMap<string, Readonly<LinkStatistics>> {
    return this.streams.remotes;
  }

  /** Totals over every connection since start (a fresh object). */
  get statistics(): LinkStatistics {
    return this.streams.statistics;
  }

  /** Per vehicle over every connection since start (fresh objects). */
  get vehicles(): ReadonlyMap<string, Readonly<LinkStatistics>> {
    return this.streams.vehicles;
  }

  /** send() calls dropped: peer not connected, link closed, or the peer was not reading. */
  get droppedSends(): number {
    return this.dropped;
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

  private fail(error: Error): void {
    // A peer resetting its connection must not take the ground station down: without a listener the
    // error is dropped on purpose (EventEmitter would throw it).
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }
}
