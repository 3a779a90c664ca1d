/**
 * A UDP MAVLink link, as a ground station listens on udpin:0.0.0.0:14550: one socket, one
 * MavlinkDecoder per remote 'ip:port' (each sender is its own byte stream, so garbage from one
 * never disturbs another), answers sent back to the address a vehicle sends from. UDP has no
 * connections: it never emits 'connection', and every sender heard stays in `remotes`.
 */
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import type { MessageRegistry } from '../message-registry.ts';
import type { LinkKind, MavlinkLink, MavlinkLinkEvents } from './mavlink-link.ts';
import { LinkBase } from './link-base.ts';
import { formatRemote, parseRemote } from './remote-address.ts';

const ALREADY_STARTED = 'UdpLink.start: already started';

/** Events of a UdpLink: those of every MavlinkLink ('connection' is never emitted over UDP). */
export type UdpLinkEvents = MavlinkLinkEvents;

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

/** Listens for MAVLink over UDP; emits 'message' (ReceivedMessage) and 'error' (Error); statistics per remote and per vehicle. */
export class UdpLink extends LinkBase implements MavlinkLink {
  readonly kind: LinkKind = 'udpin';
  private readonly options: UdpLinkOptions;
  private socket: Socket | null = null;

  /** Throws an Error naming a bad option. */
  constructor(options: UdpLinkOptions) {
    super('UdpLink', options);
    this.options = options;
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

  /**
   * Sends raw bytes (one or more whole frames) to a remote 'ip:port', e.g. a vehicle's own address.
   * Throws if the remote is malformed (a caller's bug); before start or after close the bytes are dropped and counted.
   */
  send(remote: string, bytes: Buffer): void {
    const { host, port } = parseRemote(remote, 'UdpLink.send');
    const socket = this.socket;
    if (socket === null) {
      this.dropped++;
      return;
    }
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
    const remote = formatRemote(info.address, info.port);
    for (const frame of this.streams.push(remote, bytes)) this.emit('message', { linkId: this.id, remote, ...frame });
  }

}
