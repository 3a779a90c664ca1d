import { createSocket, type Socket } from 'node:dgram';
import { once } from 'node:events';
import { minimal } from 'node-mavlink';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeMessage } from '../encode-message.ts';
import type { ReceivedMessage } from '../received-message.ts';
import { UdpLink } from './udp-link.ts';

const LOOPBACK = '127.0.0.1';

function heartbeatFrame(systemId: number, sequence: number): Buffer {
  return encodeMessage(Object.assign(new minimal.Heartbeat(), { type: 2, autopilot: 3 }), { systemId, componentId: 1, sequence });
}

async function openSender(): Promise<{ socket: Socket; port: number }> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, LOOPBACK, resolve));
  return { socket, port: socket.address().port };
}

function collect(link: UdpLink, count: number): Promise<ReceivedMessage[]> {
  const messages: ReceivedMessage[] = [];
  return new Promise((resolve) => {
    link.on('message', (message) => {
      messages.push(message);
      if (messages.length === count) resolve(messages);
    });
  });
}

describe('UdpLink over loopback', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  async function startLink(): Promise<{ link: UdpLink; port: number }> {
    const link = new UdpLink({ id: 'udp-test', host: LOOPBACK, port: 0, clock: () => 1_700_000_000_000 });
    const { port } = await link.start();
    cleanups.push(() => link.close());
    return { link, port };
  }

  async function sender(): Promise<{ socket: Socket; port: number }> {
    const opened = await openSender();
    cleanups.push(() => new Promise<void>((resolve) => opened.socket.close(() => resolve())));
    return opened;
  }

  it('binds an ephemeral port, receives from two senders and answers each at its own address', async () => {
    const { link, port } = await startLink();
    expect(port).toBeGreaterThan(0);
    const a = await sender();
    const b = await sender();
    const arrived = collect(link, 2);
    a.socket.send(heartbeatFrame(11, 0), port, LOOPBACK);
    b.socket.send(heartbeatFrame(12, 0), port, LOOPBACK);
    const messages = await arrived;
    expect(messages.map((message) => [message.systemId, message.remote]).sort()).toEqual([
      [11, `${LOOPBACK}:${a.port}`], [12, `${LOOPBACK}:${b.port}`],
    ]);
    expect(messages[0]).toMatchObject({ linkId: 'udp-test', name: 'HEARTBEAT', receivedAtMs: 1_700_000_000_000 });

    const answers = [once(a.socket, 'message'), once(b.socket, 'message')];
    for (const message of messages) link.send(message.remote, heartbeatFrame(255, message.systemId));
    const [toA, toB] = (await Promise.all(answers)).map(([bytes]) => bytes as Buffer);
    expect([toA![4], toB![4]]).toEqual([11, 12]); // each got the answer meant for it (sequence byte)
  });

  it('counts garbage datagrams from one remote while every frame from another arrives', async () => {
    const { link, port } = await startLink();
    const noisy = await sender();
    const clean = await sender();
    const total = 40;
    const arrived = collect(link, total);
    for (let sequence = 0; sequence < total; sequence++) {
      noisy.socket.send(Buffer.from([0xfd, 0x09, 0x00, 0x00, sequence, 0x07, 0x01, 0x00, 0x00, 0x00, 0x13, 0x37]), port, LOOPBACK);
      const corrupt = heartbeatFrame(66, sequence);
      corrupt[12] = (corrupt[12] as number) ^ 0xff;
      noisy.socket.send(corrupt, port, LOOPBACK);
      clean.socket.send(heartbeatFrame(12, sequence), port, LOOPBACK);
    }
    const messages = await arrived;
    expect(messages.every((message) => message.systemId === 12)).toBe(true);
    expect(messages.map((message) => message.sequence)).toEqual([...Array(total).keys()]);
    // Loopback keeps order and drops nothing at this rate; wait for the noisy remote's last datagram.
    await new Promise<void>((resolve) => {
      const check = (): void => { if ((link.remotes.get(`${LOOPBACK}:${noisy.port}`)?.badCrc ?? 0) >= total) resolve(); else setImmediate(check); };
      check();
    });
    expect(link.remotes.get(`${LOOPBACK}:${clean.port}`)).toEqual({ packets: total, bytes: total * 21, badCrc: 0, unknownMessages: 0, lostPackets: 0, lastPacketAtMs: 1_700_000_000_000 });
    expect(link.remotes.get(`${LOOPBACK}:${noisy.port}`)).toMatchObject({ packets: 0, badCrc: total });
    expect(link.statistics).toMatchObject({ packets: total, badCrc: total });
  });

  it('rejects bad options and a malformed remote, naming the problem; counts sends before start as dropped', async () => {
    expect(() => new UdpLink({ id: '', host: LOOPBACK, port: 0 })).toThrow(/id must be/);
    expect(() => new UdpLink({ id: 'x', host: LOOPBACK, port: 70_000 })).toThrow(/port must be an integer 0–65535/);
    const link = new UdpLink({ id: 'x', host: LOOPBACK, port: 0 });
    link.send(`${LOOPBACK}:14550`, Buffer.alloc(1));
    expect(link.droppedSends).toBe(1);
    expect(link.kind).toBe('udpin');
    await link.start();
    cleanups.push(() => link.close());
    expect(() => link.send('nowhere', Buffer.alloc(1))).toThrow(/remote must be 'ip:port'/);
    await expect(link.start()).rejects.toThrow(/already started/);
  });

  it('rejects start() with the bind error when the port is taken', async () => {
    const { port } = await startLink();
    const second = new UdpLink({ id: 'second', host: LOOPBACK, port });
    await expect(second.start()).rejects.toThrow(/EADDRINUSE/);
    await second.close();
  });
});
