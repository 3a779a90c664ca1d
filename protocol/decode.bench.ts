/**
 * Decode benchmark: messages/s for the real ArduPlane SITL .tlog (MAVLink 1, 23,894 packets) through
 * readTlog (whole file) and MavlinkDecoder (one push per packet, as UDP datagrams arrive; 1 KiB chunks,
 * as TCP arrives), beside node-mavlink's own stream parser (MavLinkPacketSplitter → MavLinkPacketParser →
 * protocol.data) on the same bytes in the same run; then messages/s through a real UDP socket
 * (transports/udp-throughput.bench.ts). Run: npx tsx protocol/decode.bench.ts [path/to/file.tlog]
 * (prints; it is a script, not a library).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MavLinkPacketParser, MavLinkPacketSplitter, type MavLinkPacket } from 'node-mavlink';
import { MavlinkDecoder } from './mavlink-decoder.ts';
import { defaultRegistry } from './message-registry.ts';
import { readTlog } from './read-tlog.ts';
import { measureUdpThroughput } from './transports/udp-throughput.bench.ts';

const DEFAULT_FIXTURE = fileURLToPath(new URL('../../shared/fixtures/arduplane-sitl-vtol.tlog', import.meta.url));
const ROUNDS = 8;
const CHUNK_BYTES = 1024;

function report(label: string, messages: number, seconds: number): void {
  console.log(`${label.padEnd(58)} ${Math.round(messages / seconds).toLocaleString('en-GB').padStart(10)} messages/s`);
}

async function measure(label: string, run: () => number | Promise<number>): Promise<void> {
  await run(); // warm-up: let V8 optimise before timing
  let messages = 0;
  const startedAt = process.hrtime.bigint();
  for (let round = 0; round < ROUNDS; round++) messages += await run();
  report(label, messages, Number(process.hrtime.bigint() - startedAt) / 1e9);
}

/** node-mavlink's documented pipeline, fed the same 1 KiB chunks; counts the packets whose data it deserialised. */
function nodeMavlinkStream(stream: Buffer): Promise<number> {
  const splitter = new MavLinkPacketSplitter();
  const parser = splitter.pipe(new MavLinkPacketParser());
  let count = 0;
  parser.on('data', (packet: MavLinkPacket) => {
    const messageClass = defaultRegistry[packet.header.msgid];
    if (messageClass !== undefined && packet.protocol.data(packet.payload, messageClass) !== undefined) count++;
  });
  const ended = new Promise<number>((resolve) => parser.on('end', () => resolve(count)));
  for (let offset = 0; offset < stream.length; offset += CHUNK_BYTES) splitter.write(stream.subarray(offset, offset + CHUNK_BYTES));
  splitter.end();
  return ended;
}

const bytes = readFileSync(process.argv[2] ?? DEFAULT_FIXTURE);
const datagrams = [...readTlog(bytes)].map((entry) => Buffer.from(entry.frame.raw));
const stream = Buffer.concat(datagrams);
console.log(`${bytes.length.toLocaleString('en-GB')} bytes, ${datagrams.length.toLocaleString('en-GB')} packets, ${ROUNDS} rounds, node ${process.version}`);

await measure('readTlog (whole file)', () => {
  let count = 0;
  for (const entry of readTlog(bytes)) if (entry.frame.data !== null) count++;
  return count;
});

await measure('MavlinkDecoder.push (one packet per push)', () => {
  const decoder = new MavlinkDecoder();
  let count = 0;
  for (const datagram of datagrams) count += decoder.push(datagram).length;
  return count;
});

await measure('MavlinkDecoder.push (1 KiB stream chunks)', () => {
  const decoder = new MavlinkDecoder();
  let count = 0;
  for (let offset = 0; offset < stream.length; offset += CHUNK_BYTES) count += decoder.push(stream.subarray(offset, offset + CHUNK_BYTES)).length;
  return count;
});

await measure('node-mavlink Splitter → Parser → data (1 KiB chunks)', () => nodeMavlinkStream(stream));

const udp = await measureUdpThroughput({ total: 200_000, senders: 4, windowFrames: 3000 });
report(`UdpLink on loopback, 4 senders (received ${udp.received.toLocaleString('en-GB')}/${udp.sent.toLocaleString('en-GB')})`, udp.received, udp.received / udp.messagesPerS);
