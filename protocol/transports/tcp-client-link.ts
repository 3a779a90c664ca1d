/**
 * A TCP client MAVLink link, as ground stations connect to ArduPilot SITL on tcp:127.0.0.1:5760:
 * connects in the background, reconnects with exponential back-off after a refusal or a drop, and
 * decodes each connection with a fresh MavlinkDecoder (a new connection is a new byte stream).
 */
import { connect, type Socket } from 'node:net';
import type { MessageRegistry } from '../message-registry.ts';
import type { LinkKind, MavlinkLink } from './mavlink-link.ts';
import { LinkBase } from './link-base.ts';
import { formatRemote } from './remote-address.ts';

const badOption = (name: string, expected: string, value: unknown): string => `TcpClientLink: ${name} must be ${expected}, got ${JSON.stringify(value)}`;
const ALREADY_STARTED = 'TcpClientLink.start: already started';
const connectTimedOut = (host: string, port: number, ms: number): string => `TcpClientLink: connecting to ${host}:${port} timed out after ${ms} ms`;

/** Options of TcpClientLink; the defaults suit SITL on loopback. */
export interface TcpClientLinkOptions {
  /** Link id copied into every ReceivedMessage, e.g. 'tcp-127.0.0.1-5760'. */
  id: string;
  /** Host to connect to (name or address). */
  host: string;
  /** Port to connect to, 1–65535 (SITL: 5760 + 10 × instance). */
  port: number;
  /** Stamps receivedAtMs (ms since the epoch); default Date.now. */
  clock?: () => number;
  /** Known messages; default defaultRegistry. */
  registry?: MessageRegistry;
  /** First wait before reconnecting, ms; default 500. Doubles after each failed attempt. */
  initialBackoffMs?: number;
  /** Longest wait between attempts, ms; default 10,000. */
  maxBackoffMs?: number;
  /** Give up one connection attempt after this long, ms; default 5,000. */
  connectTimeoutMs?: number;
  /** Bytes queued for a peer that does not read before send() drops, default 1 MiB. */
  maxQueuedBytes?: number;
}

const DEFAULTS = { initialBackoffMs: 500, maxBackoffMs: 10_000, connectTimeoutMs: 5_000, maxQueuedBytes: 1024 * 1024 } as const;

/** Connects to a MAVLink TCP server and keeps connecting; emits 'message', 'connection' and 'error'. */
export class TcpClientLink extends LinkBase implements MavlinkLink {
  readonly kind: LinkKind = 'tcp';
  private readonly options: Required<Omit<TcpClientLinkOptions, 'clock' | 'registry'>>;
  private socket: Socket | null = null;
  /** The connected peer's 'ip:port', null while not connected. */
  private remote: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private backoffMs: number;
  private isStarted = false;
  private isClosing = false;

  /** Throws an Error naming a bad option. */
  constructor(options: TcpClientLinkOptions) {
    super('TcpClientLink', options);
    if (options.port < 1) throw new Error(badOption('port', 'an integer 1–65535', options.port));
    const merged = { ...DEFAULTS, ...stripUndefined(options), id: options.id, host: options.host, port: options.port };
    for (const name of ['initialBackoffMs', 'maxBackoffMs', 'connectTimeoutMs', 'maxQueuedBytes'] as const) {
      if (!(merged[name] > 0) || !Number.isFinite(merged[name])) throw new Error(badOption(name, 'a positive number', merged[name]));
    }
    this.options = merged;
    this.backoffMs = merged.initialBackoffMs;
  }

  /** True while a connection is up. */
  get isConnected(): boolean {
    return this.remote !== null;
  }

  /** Starts connecting in the background; resolves at once with the remote port. */
  start(): Promise<{ port: number }> {
    if (this.isStarted) return Promise.reject(new Error(ALREADY_STARTED));
    this.isStarted = true;
    this.connect();
    return Promise.resolve({ port: this.options.port });
  }

  /** Sends raw frames to the connected peer; a counted no-op if `remote` is not that peer or it is backed up. */
  send(remote: string, bytes: Buffer): void {
    const socket = this.socket;
    if (socket === null || remote !== this.remote || socket.writableLength > this.options.maxQueuedBytes) {
      this.dropped++;
      return;
    }
    socket.write(bytes);
  }

  /** Stops reconnecting and closes the connection; resolves once closed. */
  async close(): Promise<void> {
    this.isClosing = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const socket = this.socket;
    if (socket === null) return;
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.destroy();
    await closed;
  }

  private connect(): void {
    this.timer = null;
    if (this.isClosing) return;
    const { host, port, connectTimeoutMs } = this.options;
    const socket = connect({ host, port });
    this.socket = socket;
    socket.setNoDelay(true);
    socket.setTimeout(connectTimeoutMs, () => socket.destroy(new Error(connectTimedOut(host, port, connectTimeoutMs))));
    socket.on('connect', () => {
      socket.setTimeout(0);
      const remote = formatRemote(socket.remoteAddress, socket.remotePort);
      this.remote = remote;
      this.streams.open(remote);
      this.emit('connection', { remote, state: 'connected' });
    });
    socket.on('data', (bytes: Buffer) => this.receive(bytes));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.onClose(socket));
  }

  private receive(bytes: Buffer): void {
    const remote = this.remote;
    if (remote === null) return;
    const frames = this.streams.push(remote, bytes);
    // A peer that sends good frames is really up: the next drop starts the back-off afresh.
    if (frames.length > 0) this.backoffMs = this.options.initialBackoffMs;
    for (const frame of frames) this.emit('message', { linkId: this.id, remote, ...frame });
  }

  private onClose(socket: Socket): void {
    if (this.socket === socket) this.socket = null;
    const remote = this.remote;
    this.remote = null;
    if (remote !== null) {
      this.streams.retire(remote);
      this.emit('connection', { remote, state: 'disconnected' });
    }
    if (this.isClosing) return;
    this.timer = setTimeout(() => this.connect(), this.backoffMs);
    this.backoffMs = Math.min(this.backoffMs * 2, this.options.maxBackoffMs);
  }

}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
