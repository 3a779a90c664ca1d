/**
 * UDP receive benchmark: messages/s through a real UdpLink on loopback. A worker thread (a second
 * core, like separate aircraft) sends a bounded burst of pre-encoded frames from 4 sockets, keeping
 * at most `windowFrames` in flight (sent − received, shared through a SharedArrayBuffer) so the
 * kernel receive buffer never overflows; the main thread decodes. Reports received/sent: anything
 * short of all is a kernel drop. Run alone: npx tsx protocol/transports/udp-throughput.bench.ts
 * (a script: it prints).
 */
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { common } from 'node-mavlink';
import { encodeMessage } from '../encode-message.ts';
import { UdpLink } from './udp-link.ts';

/** What one run measured. */
export interface UdpThroughput {
  sent: number;
  received: number;
  messagesPerS: number;
  badCrc: number;
}

const SENDER = `
const { createSocket } = require('node:dgram');
const { workerData, parentPort } = require('node:worker_threads');
const { frames, port, senders, windowFrames, progress } = workerData;
const counters = new Int32Array(progress);
const sockets = Array.from({ length: senders }, () => createSocket('udp4'));
let sent = 0;
function pump() {
  while (sent < frames.length && sent - Atomics.load(counters, 0) < windowFrames) {
    sockets[sent % senders].send(frames[sent], port, '127.0.0.1');
    sent++;
  }
  if (sent < frames.length) setImmediate(pump);
  else parentPort.postMessage(sent);
}
pump();
`;

/** Sends `total` GLOBAL_POSITION_INT frames (4 aircraft) through loopback UDP into a UdpLink; resolves with the figures. */
export async function measureUdpThroughput(options: { total?: number; senders?: number; windowFrames?: number } = {}): Promise<UdpThroughput> {
  const total = options.total ?? 200_000;
  const senders = options.senders ?? 4;
  const frames = Array.from({ length: total }, (_, index) => {
    const message = Object.assign(new common.GlobalPositionInt(), {
      timeBootMs: index, lat: -130_146_000 + index, lon: 334_686_000, alt: 1_150_000, relativeAlt: 100_000, vx: 1500, vy: 0, vz: 0, hdg: 9000,
    });
    return encodeMessage(message, { systemId: 11 + (index % senders), componentId: 1, sequence: Math.floor(index / senders) & 0xff });
  });
  const link = new UdpLink({ id: 'bench', host: '127.0.0.1', port: 0 });
  const { port } = await link.start();
  const progress = new SharedArrayBuffer(4);
  const received = new Int32Array(progress);
  let count = 0;
  let lastAtNs = 0n;
  link.on('message', () => {
    count++;
    Atomics.store(received, 0, count);
    lastAtNs = process.hrtime.bigint();
  });
  const startedAtNs = process.hrtime.bigint();
  const worker = new Worker(SENDER, { eval: true, workerData: { frames, port, senders, windowFrames: options.windowFrames ?? 2000, progress } });
  const [sent] = (await once(worker, 'message')) as [number];
  // Drain: wait until everything arrived, or nothing more arrives for 1 s (those were dropped).
  for (let idleMs = 0; count < sent && idleMs < 1000;) {
    const before = count;
    await new Promise((resolve) => setTimeout(resolve, 50));
    idleMs = count === before ? idleMs + 50 : 0;
  }
  await worker.terminate();
  await link.close();
  const seconds = Number(lastAtNs - startedAtNs) / 1e9;
  return { sent, received: count, messagesPerS: Math.round(count / seconds), badCrc: link.statistics.badCrc };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await measureUdpThroughput();
  console.log(`UdpLink on loopback, 4 senders: ${result.messagesPerS.toLocaleString('en-GB')} messages/s, received ${result.received.toLocaleString('en-GB')}/${result.sent.toLocaleString('en-GB')}`);
}
