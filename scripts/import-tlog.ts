/**
 * `npm run import-tlog -- FILE.tlog [--server http://localhost:8080] [--speed max|N]`:
 * uploads a .tlog recorded by QGroundControl, MAVProxy or Mission Planner to a running
 * server (POST /api/flights/import), which runs it through the live pipeline. With
 * `--speed N` it replays at N× recorded speed and its aircraft appear on the live map.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { server: { type: 'string', default: 'http://localhost:8080' }, speed: { type: 'string', default: 'max' } },
});
const file = positionals[0];
if (!file) {
  console.error('Usage: npm run import-tlog -- FILE.tlog [--server http://localhost:8080] [--speed max|N]');
  process.exit(2);
}
const name = path.basename(file).replace(/[^\w.\- ]/g, '_');
const url = `${values.server}/api/flights/import?name=${encodeURIComponent(name)}&speed=${encodeURIComponent(values.speed!)}`;
const response = await fetch(url, { method: 'POST', body: new Uint8Array(fs.readFileSync(file)), headers: { 'content-type': 'application/octet-stream' } });
const body = await response.json();
if (!response.ok) {
  console.error(`Import refused (HTTP ${response.status}): ${body.error?.message ?? JSON.stringify(body)}`);
  process.exit(1);
}
console.log(JSON.stringify(body, null, 2));
