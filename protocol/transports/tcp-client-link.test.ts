import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { heartbeatFrame, LOOPBACK, nextConnection, nextMessages } from './link-test-support.ts';
import { TcpClientLink } from './tcp-client-link.ts';

/** A bare TCP server standing in for SITL's port 5760; hands out each accepted socket. */
async function fakeSitl(port = 0): Promise<{ server: Server; port: number; sockets: Socket[]; nextSocket: () => Promise<Socket> }> {
  const sockets: Socket[] = [];
  const waiting: Array<(socket: Socket) => void> = [];
  const server = createServer((socket) => {
    sockets.push(socket);
    waiting.shift()?.(socket);
  });
  server.listen(port, LOOPBACK);
  await once(server, 'listening');
  const address = server.address();
  return {
    server, sockets, port: typeof address === 'object' && address !== null ? address.port : port,
    nextSocket: () => new Promise((resolve) => waiting.push(resolve)),
  };
}

function stop(server: Server, sockets: Socket[]): Promise<void> {
  for (const socket of sockets) socket.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}

describe('TcpClientLink over loopback', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function startLink(port: number): TcpClientLink {
    const link = new TcpClientLink({ id: 'tcp-test', host: LOOPBACK, port, initialBackoffMs: 5, maxBackoffMs: 40, clock: () => 1_700_000_000_000 });
    cleanups.push(() => link.close());
    return link;
  }

  it('connects as a ground station does to SITL, receives, answers, and resolves start() at once with the port', async () => {
    const sitl = await fakeSitl();
    cleanups.push(() => stop(sitl.server, sitl.sockets));
    const link = startLink(sitl.port);
    const accepted = sitl.nextSocket();
    const connected = nextConnection(link, 'connected');
    expect(await link.start()).toEqual({ port: sitl.port });
    const remote = `${LOOPBACK}:${sitl.port}`;
    expect(await connected).toEqual({ remote, state: 'connected' });
    expect(link.isConnected).toBe(true);
    const socket = await accepted;

    const arrived = nextMessages(link, 2);
    socket.write(Buffer.concat([heartbeatFrame(1, 0), heartbeatFrame(1, 1)]));
    const messages = await arrived;
    expect(messages.map((message) => [message.linkId, message.remote, message.systemId, message.sequence])).toEqual([['tcp-test', remote, 1, 0], ['tcp-test', remote, 1, 1]]);

    const answer = once(socket, 'data');
    link.send(remote, heartbeatFrame(255, 7));
    expect(((await answer)[0] as Buffer)[4]).toBe(7);
    link.send('10.0.0.1:5760', heartbeatFrame(255, 8));
    expect(link.droppedSends).toBe(1);
    expect(link.kind).toBe('tcp');
    await expect(link.start()).rejects.toThrow(/already started/);
  });

  it('reconnects after the server drops it, with a fresh decoder, keeping its statistics', async () => {
    const sitl = await fakeSitl();
    cleanups.push(() => stop(sitl.server, sitl.sockets));
    const link = startLink(sitl.port);
    let accepted = sitl.nextSocket();
    await link.start();
    const first = await accepted;
    let arrived = nextMessages(link, 1);
    first.write(Buffer.concat([heartbeatFrame(1, 0), heartbeatFrame(1, 1).subarray(0, 12)])); // the second is cut by the drop
    await arrived;

    const dropped = nextConnection(link, 'disconnected');
    accepted = sitl.nextSocket();
    first.destroy();
    expect((await dropped).state).toBe('disconnected');
    expect(link.remotes.size).toBe(0);
    link.send(`${LOOPBACK}:${sitl.port}`, heartbeatFrame(255, 0));
    expect(link.droppedSends).toBe(1);

    const second = await accepted;
    arrived = nextMessages(link, 1);
    second.write(heartbeatFrame(1, 2)); // the half frame from before must not swallow it
    expect((await arrived)[0]!.sequence).toBe(2);
    expect(link.statistics).toMatchObject({ packets: 2 });
    expect(link.vehicles.get('1:1')).toMatchObject({ packets: 2, lostPackets: 0 }); // a new connection starts a new sequence baseline
  });

  it('keeps trying while nothing listens, and connects once SITL starts', async () => {
    const probe = await fakeSitl();
    const port = probe.port;
    await stop(probe.server, probe.sockets); // now nothing listens on `port`
    const link = startLink(port);
    const errors: Error[] = [];
    link.on('error', (error) => errors.push(error));
    await link.start();
    const connected = nextConnection(link, 'connected');
    while (errors.length < 3) await once(link, 'error'); // refused, refused, refused …
    expect(errors.every((error) => /ECONNREFUSED/.test(error.message))).toBe(true);
    const sitl = await fakeSitl(port);
    cleanups.push(() => stop(sitl.server, sitl.sockets));
    expect((await connected).remote).toBe(`${LOOPBACK}:${port}`);
  });

  it('stops reconnecting when closed, and names bad options', async () => {
    const sitl = await fakeSitl();
    cleanups.push(() => stop(sitl.server, sitl.sockets));
    const link = startLink(sitl.port);
    const connected = nextConnection(link, 'connected');
    await link.start();
    await connected;
    const disconnected = nextConnection(link, 'disconnected');
    await link.close();
    await disconnected;
    expect(link.isConnected).toBe(false);
    expect(() => new TcpClientLink({ id: 'x', host: LOOPBACK, port: 0 })).toThrow(/port must be an integer 1–65535/);
    expect(() => new TcpClientLink({ id: 'x', host: '', port: 5760 })).toThrow(/host/);
    expect(() => new TcpClientLink({ id: 'x', host: LOOPBACK, port: 5760, maxBackoffMs: 0 })).toThrow(/maxBackoffMs must be a positive number/);
  });
});
