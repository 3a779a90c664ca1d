/**
 * A UDP MAVLink link, as a ground station listens on udpin:0.0.0.0:14550: one socket, one
 * MavlinkDecoder per remote 'ip:port' (each sender is its own byte stream, so garbage from one
 * never disturbs another), answers sent back to the address a vehicle sends from.
 */
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { EventEmitter } from 'node:events';
import { isIPv6 } from 'node:net';
import { addLinkStatistics, createLinkStatistics, type LinkStatistics } from '../link-statistics.ts';
import { MavlinkDecoder } from '../mavlink-decoder.ts';
import type { MessageRegistry } from '../message-registry.ts';
import type { ReceivedMessage } from '../received-message.ts';

const badOption = (name: string, expected: string, value: unknown): string =>
  `UdpLink: ${name} must be ${expected}, got ${JSON.stringify(value)}`;
const badRemote = (remote: string): string => `UdpLink.send: remote must be 'ip:port' (IPv6 as '[ip]:port'), got '${remote}'`;
const NOT_STARTED = 'UdpLink: not started (call start() first) or already closed';
const ALREADY_STARTED = 'UdpLink.start: already started';

/** Events of a UdpLink: every decoded message, and socket errors (emitted only while someone listens). */
export type UdpLinkEvents = { message: [message: ReceivedMessage]; error: [error: Error] };

/** Options of UdpLink. */
export interface UdpLinkOptions {
  /** Link id copied into every ReceivedMessage, e.g. 'udp-14550'. */
  id: string;
  /** Address to bind, e.g. '0.0.0.0' or '127.0.0.1' ('::' for IPv6). */
  host: string;
  /** Port to bind; 0 = an ephemeral port (start() resolves with it). */
  port: number;
  /** Stamps receivedAtMs (ms since the epoch); default Date.now. */
  clock?: () => number;
  /** Known messages; default defaultRegistry. */
  registry?: MessageRegistry;
  /**
   * Kernel receive buffer asked for, bytes; default 4 MiB. Datagrams that arrive while the
   * event loop is busy wait here; the default 208 KiB overflows (silently dropping telemetry)
   * with a few hundred aircraft. Linux caps it at net.core.rmem_max.
   */
  receiveBufferBytes?: number;
}

const DEFAULT_RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

/** Listens for MAVLink over UDP; emits 'message' (ReceivedMessage) and 'error' (Error); per-remote link statistics. */
export class UdpLink extends EventEmitter<UdpLinkEvents> {
  /** Link id, as given. */
  readonly id: string;
  private readonly options: UdpLinkOptions;
  private socket: Socket | null = null;
  private readonly decoders = new Map<string, MavlinkDecoder>();
  private readonly perRemote = new Map<string, Readonly<LinkStatistics>>();

  constructor(options: UdpLinkOptions) {
    super();
    if (typeof options.id !== 'string' || options.id === '') throw new Error(badOption('id', 'a non-empty string', options.id));
    if (typeof options.host !== 'string' || options.host === '') throw new Error(badOption('host', 'an IP address', options.host));
    if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
      throw new Error(badOption('port', 'an integer 0–65535', options.port));
    }
    this.id = options.id;
    this.options = options;
  }

  /** Live statistics per remote 'ip:port' heard so far. */
  get remotes(): ReadonlyMap<string, Readonly<LinkStatistics>> {
    return this.perRemote;
  }

  /** Totals over every remote (a fresh object). */
  get statistics(): LinkStatistics {
    const total = createLinkStatistics();
    for (const statistics of this.perRemote.values()) addLinkStatistics(total, statistics);
    return total;
  }

  /** Binds the socket; resolves with the bound port (useful with port 0); rejects with the bind Error. */
  start(): Promise<{ port: number }> {
    if (this.socket !== null) return Promise.reject(new Error(ALREADY_STARTED));
    const socket = createSocket({
      type: isIPv6(this.options.host) ? 'udp6' : 'udp4',
      recvBufferSize: this.options.receiveBufferBytes ?? DEFAULT_RECEIVE_BUFFER_BYTES,
    });
    this.socket = socket;
    return new Promise((resolve, reject) => {
      const onBindError = (error: Error): void => {
        this.socket = null;
        socket.close();
        reject(error);
      };
      socket.once('error', onBindError);
      socket.bind(this.options.port, this.options.host, () => {
        socket.off('error', onBindError);
        socket.on('error', (error) => this.fail(error));
        socket.on('message', (bytes, info) => this.receive(bytes, info));
        resolve({ port: socket.address().port });
      });
    });
  }

  /** Sends raw bytes (one or more whole frames) to a remote 'ip:port', e.g. a vehicle's own address; throws if not started or the remote is malformed. */
  send(remote: string, bytes: Buffer): void {
    const socket = this.socket;
    if (socket === null) throw new Error(NOT_STARTED);
    const { host, port } = parseRemote(remote);
    socket.send(bytes, port, host, (error) => {
      if (error) this.fail(error);
    });
  }

  /** Closes the socket; resolves once closed (at once if it never started). Statistics stay readable. */
  close(): Promise<void> {
    const socket = this.socket;
    this.socket = null;
    if (socket === null) return Promise.resolve();
    return new Promise((resolve) => socket.close(() => resolve()));
  }

  private receive(bytes: Buffer, info: RemoteInfo): void {
    const remote = info.family === 'IPv6' ? `[${info.address}]:${info.port}` : `${info.address}:${info.port}`;
    let decoder = this.decoders.get(remote);
    if (decoder === undefined) {
      decoder = new MavlinkDecoder({ clock: this.options.clock, registry: this.options.registry });
      this.decoders.set(remote, decoder);
      this.perRemote.set(remote, decoder.statistics);
    }
    for (const frame of decoder.push(bytes)) this.emit('message', { linkId: this.id, remote, ...frame });
  }

  private fail(error: Error): void {
    // A failed datagram must not take a ground station down: without a listener the error is dropped
    // on purpose (EventEmitter would throw it), since every vehicle on the link would be lost with it.
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }
}

function parseRemote(remote: string): { host: string; port: number } {
  const colon = typeof remote === 'string' ? remote.lastIndexOf(':') : -1;
  if (colon <= 0) throw new Error(badRemote(remote));
  const hostText = remote.slice(0, colon);
  const host = hostText.startsWith('[') && hostText.endsWith(']') ? hostText.slice(1, -1) : hostText;
  const portText = remote.slice(colon + 1);
  const port = Number(portText);
  if (!/^\d{1,5}$/.test(portText) || port < 1 || port > 65535 || host === '') throw new Error(badRemote(remote));
  return { host, port };
}
