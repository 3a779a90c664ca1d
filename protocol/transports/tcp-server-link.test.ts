import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes, seededRandom } from '../fixtures/seeded-bytes.ts';
import { heartbeatFrame, LOOPBACK, nextConnection, nextMessages, until } from './link-test-support.ts';
import { TcpServerLink } from './tcp-server-link.ts';

describe('TcpServerLink over loopback', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function startLink(): Promise<{ link: TcpServerLink; port: number }> {
    const link = new TcpServerLink({ id: 'tcpin-test', host: LOOPBACK, port: 0, clock: () => 1_700_000_000_000 });
    const { port } = await link.start();
    cleanups.push(() => link.close());
    return { link, port };
  }

  async function client(port: number): Promise<{ socket: Socket; remote: string }> {
    const socket = connect({ host: LOOPBACK, port });
    await once(socket, 'connect');
    cleanups.push(() => void socket.destroy());
    return { socket, remote: `${LOOPBACK}:${socket.localPort}` };
  }

  it('accepts several peers, tags messages with each, answers each, and forgets a peer that leaves', async () => {
    const { link, port } = await startLink();
    expect(link.kind).toBe('tcpin');
    const connected = nextConnection(link, 'connected');
    const a = await client(port);
    expect(await connected).toEqual({ remote: a.remote, state: 'connected' });
    const b = await client(port);
    await until(() => link.remotes.size === 2);

    const arrived = nextMessages(link, 3);
    a.socket.write(Buffer.concat([heartbeatFrame(11, 0), heartbeatFrame(11, 2)])); // one lost between them
    b.socket.write(heartbeatFrame(12, 0));
    const messages = await arrived;
    expect(messages.map((message) => [message.systemId, message.remote, message.linkId]).sort()).toEqual([
      [11, a.remote, 'tcpin-test'], [11, a.remote, 'tcpin-test'], [12, b.remote, 'tcpin-test'],
    ]);
    expect(link.vehicles.get('11:1')).toMatchObject({ packets: 2, lostPackets: 1, bytes: 42, lastPacketAtMs: 1_700_000_000_000 });
    expect(link.vehicles.get('12:1')).toMatchObject({ packets: 1, lostPackets: 0 });

    const answer = once(b.socket, 'data');
    link.send(b.remote, heartbeatFrame(255, 9));
    expect(((await answer)[0] as Buffer)[4]).toBe(9);

    const gone = nextConnection(link, 'disconnected');
    a.socket.end();
    expect(await gone).toEqual({ remote: a.remote, state: 'disconnected' });
    expect([...link.remotes.keys()]).toEqual([b.remote]);
    expect(link.statistics).toMatchObject({ packets: 3, lostPackets: 1 }); // the closed connection still counts
    expect(link.vehicles.get('11:1')).toMatchObject({ packets: 2, lostPackets: 1 });
    link.send(a.remote, heartbeatFrame(255, 10));
    expect(link.droppedSends).toBe(1);
  });

  it('decodes a noisy stream cut into random pieces: every frame arrives, garbage is counted', async () => {
    const { link, port } = await startLink();
    const { socket } = await client(port);
    const random = seededRandom(7);
    const frames = Array.from({ length: 300 }, (_, sequence) => heartbeatFrame(21, sequence & 0xff));
    const stream = Buffer.concat(frames.flatMap((frame, index) => {
      const corrupt = Buffer.from(frame);
      corrupt[12] = (corrupt[12] as number) ^ 0xff;
      return index % 10 === 0 ? [randomBytes(random, 20), corrupt, frame] : [frame];
    }));
    const arrived = nextMessages(link, frames.length);
    for (let offset = 0; offset < stream.length;) {
      const size = 1 + Math.floor(random() * 300);
      socket.write(stream.subarray(offset, offset + size));
      offset += size;
    }
    const messages = await arrived;
    expect(messages.map((message) => message.sequence)).toEqual(frames.map((_, index) => index & 0xff));
    expect(link.statistics.badCrc).toBeGreaterThanOrEqual(30);
  });

  it('closes its peers on close, and names bad options and a taken port', async () => {
    const { link, port } = await startLink();
    const { socket } = await client(port);
    const closed = once(socket, 'close');
    await link.close();
    await closed;
    expect(() => new TcpServerLink({ id: '', host: LOOPBACK, port: 0 })).toThrow(/id must be/);
    expect(() => new TcpServerLink({ id: 'x', host: LOOPBACK, port: -1 })).toThrow(/port must be/);
    const { port: taken } = await startLink();
    const second = new TcpServerLink({ id: 'second', host: LOOPBACK, port: taken });
    await expect(second.start()).rejects.toThrow(/EADDRINUSE/);
  });
});
