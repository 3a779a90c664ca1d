/**
 * Decode micro-benchmark: messages/s for the real ArduPlane SITL .tlog (MAVLink 1, 23,894 packets),
 * through readTlog (whole file) and MavlinkDecoder (one push per packet, as UDP datagrams arrive).
 * Run: npx tsx protocol/decode.bench.ts [path/to/file.tlog]   (prints; it is a script, not a library)
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MavlinkDecoder } from './mavlink-decoder.ts';
import { readTlog } from './read-tlog.ts';

const DEFAULT_FIXTURE = fileURLToPath(new URL('../../shared/fixtures/arduplane-sitl-vtol.tlog', import.meta.url));
const ROUNDS = 8;

function measure(label: string, run: () => number): void {
  run(); // warm-up: let V8 optimise before timing
  let messages = 0;
  const startedAt = process.hrtime.bigint();
  for (let round = 0; round < ROUNDS; round++) messages += run();
  const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
  console.log(`${label.padEnd(44)} ${Math.round(messages / seconds).toLocaleString('en-GB').padStart(10)} messages/s`);
}

const bytes = readFileSync(process.argv[2] ?? DEFAULT_FIXTURE);
const datagrams = [...readTlog(bytes)].map((entry) => Buffer.from(entry.frame.raw));
console.log(`${bytes.length.toLocaleString('en-GB')} bytes, ${datagrams.length.toLocaleString('en-GB')} packets, ${ROUNDS} rounds, node ${process.version}`);

measure('readTlog (whole file)', () => {
  let count = 0;
  for (const entry of readTlog(bytes)) if (entry.frame.data !== null) count++;
  return count;
});

measure('MavlinkDecoder.push (one packet per push)', () => {
  const decoder = new MavlinkDecoder();
  let count = 0;
  for (const datagram of datagrams) count += decoder.push(datagram).length;
  return count;
});

measure('MavlinkDecoder.push (1 KiB stream chunks)', () => {
  const stream = Buffer.concat(datagrams);
  const decoder = new MavlinkDecoder();
  let count = 0;
  for (let offset = 0; offset < stream.length; offset += 1024) count += decoder.push(stream.subarray(offset, offset + 1024)).length;
  return count;
});
