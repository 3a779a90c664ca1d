/**
 * A tiny round-robin TCP balancer on 127.0.0.1 for tests: each new connection goes to the next
 * backend in turn, bytes piped both ways (so HTTP and WebSocket upgrades pass untouched) — the
 * "one address" in front of several server processes, as nginx or HAProxy would be.
 */
import net from 'node:net';

export interface RoundRobinBalancer {
  readonly port: number;
  /** Connections sent to each backend so far, by its port. */
  readonly connections: Map<number, number>;
  close(): Promise<void>;
}

export async function startRoundRobinBalancer(backendPorts: readonly number[]): Promise<RoundRobinBalancer> {
  let next = 0;
  const connections = new Map(backendPorts.map((port) => [port, 0]));
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const port = backendPorts[next++ % backendPorts.length]!;
    connections.set(port, connections.get(port)! + 1);
    const backend = net.connect(port, '127.0.0.1');
    for (const socket of [client, backend]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined); // the other side is destroyed below; nothing else to do in a test proxy
    }
    client.pipe(backend).on('close', () => backend.destroy());
    backend.pipe(client).on('close', () => client.destroy());
    client.on('close', () => backend.destroy());
    backend.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    connections,
    close: () => new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}
