/**
 * `npm run import-tlog -- FILE.tlog [--server http://localhost:8080] [--speed max|N] [--token T]`:
 * uploads a .tlog recorded by QGroundControl, MAVProxy or Mission Planner to a running
 * server (POST /api/flights/import), which runs it through the live pipeline. With
 * `--speed N` it replays at N× recorded speed and its aircraft appear on the live map.
 * Admins and operators may import any log, partners logs of their own aircraft: pass an API token of one (or set CORRIDOR_API_TOKEN).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    server: { type: 'string', default: 'http://localhost:8080' },
    speed: { type: 'string', default: 'max' },
    token: { type: 'string', default: process.env.CORRIDOR_API_TOKEN ?? '' },
  },
});
const file = positionals[0];
if (!file) {
  console.error('Usage: npm run import-tlog -- FILE.tlog [--server http://localhost:8080] [--speed max|N] [--token API_TOKEN]');
  process.exit(2);
}
if (!values.token) {
  console.error('An API token is needed (--token or CORRIDOR_API_TOKEN): an operator, partner or admin creates one with POST /api/tokens');
  process.exit(2);
}
const name = path.basename(file).replace(/[^\w.\- ]/g, '_');
const url = `${values.server}/api/flights/import?name=${encodeURIComponent(name)}&speed=${encodeURIComponent(values.speed!)}`;
const response = await fetch(url, { method: 'POST', body: new Uint8Array(fs.readFileSync(file)), headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${values.token}` } });
const body = await response.json();
if (!response.ok) {
  console.error(`Import refused (HTTP ${response.status}): ${body.error?.message ?? JSON.stringify(body)}`);
  process.exit(1);
}
console.log(JSON.stringify(body, null, 2));
