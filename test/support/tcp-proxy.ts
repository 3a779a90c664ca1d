/**
 * A loopback TCP proxy the tests can unplug: it forwards 127.0.0.1:<port> to a target (the test
 * PostgreSQL), and `cut()` makes the target vanish without touching it — every open connection is
 * destroyed, and new ones are refused (accepted, then reset at once, as a stopped server's port
 * would) or black-holed (accepted and never answered, as an unreachable host would) — until
 * `restore()`. Other tests' use of the real server goes on undisturbed.
 */
import net from 'node:net';

export type CutMode = 'refuse' | 'blackhole';

export class TcpProxy {
  private readonly server: net.Server;
  private readonly open = new Set<net.Socket>();
  private cutMode: CutMode | null = null;
  /** Connections accepted through the proxy (forwarded ones only). */
  forwarded = 0;
  /** Connections refused or black-holed while cut. */
  turnedAway = 0;

  constructor(private readonly target: { host: string; port: number }) {
    this.server = net.createServer((client) => this.accept(client));
  }

  /** Listen on an ephemeral loopback port; resolves with it. */
  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    return (this.server.address() as net.AddressInfo).port;
  }

  get isCut(): boolean {
    return this.cutMode !== null;
  }

  /** Unplug: destroy every connection and turn new ones away until `restore()`. */
  cut(mode: CutMode = 'refuse'): void {
    this.cutMode = mode;
    for (const socket of this.open) socket.destroy();
    this.open.clear();
  }

  /** Plug back in: new connections are forwarded again (black-holed ones are dropped). */
  restore(): void {
    this.cutMode = null;
    for (const socket of this.open) socket.destroy();
    this.open.clear();
  }

  async close(): Promise<void> {
    for (const socket of this.open) socket.destroy();
    this.open.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    client.on('error', () => undefined); // a reset from either side only ends this pair
    if (this.cutMode === 'refuse') {
      this.turnedAway += 1;
      client.resetAndDestroy();
      return;
    }
    this.open.add(client);
    client.once('close', () => this.open.delete(client));
    if (this.cutMode === 'blackhole') {
      this.turnedAway += 1;
      return; // held open, never answered
    }
    this.forwarded += 1;
    const upstream = net.connect(this.target.port, this.target.host);
    upstream.on('error', () => client.destroy());
    this.open.add(upstream);
    upstream.once('close', () => {
      this.open.delete(upstream);
      client.destroy();
    });
    client.once('close', () => upstream.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
