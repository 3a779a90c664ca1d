/**
 * `npm run demo`: the server on the embedded database with the demo partners seeded, and
 * the simulated fleet (Malawi and Vanuatu) flying into it over MAVLink/UDP — two separate
 * processes, exactly as a real ground-station set-up would be. Prints the URL, and how long
 * it took from launch until the first aircraft position reached the server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const launchedAtMs = Date.now();
const port = Number(process.env.PORT ?? 8080);
const baseUrl = `http://localhost:${port}`;
const children: ChildProcess[] = [];

function run(script: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: 'inherit', env: { ...process.env, ...env } });
  children.push(child);
  child.on('exit', (code) => {
    if (!stopping) {
      console.error(`${script} exited with code ${code}; stopping the demo`);
      stop(code ?? 1);
    }
  });
  return child;
}

async function waitFor<T>(probe: () => Promise<T | null>, what: string, timeoutMs = 120_000): Promise<T> {
  while (Date.now() - launchedAtMs < timeoutMs) {
    const value = await probe().catch(() => null); // not up yet: keep polling
    if (value !== null) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

let stopping = false;
function stop(code = 0): void {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3000).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

run('server/main.ts', { SEED_DEMO: 'true', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
await waitFor(async () => ((await fetch(`${baseUrl}/healthz`)).ok ? true : null), 'the server');
const readyS = (Date.now() - launchedAtMs) / 1000;
// The server wrote one account per role, with passwords random to this data folder.
type DemoAccount = { email: string; password: string; role: string };
const accountsFile = path.join(process.env.DATA_DIR ?? 'data', 'demo-accounts.json');
const accounts = JSON.parse(fs.readFileSync(accountsFile, 'utf8')) as DemoAccount[];
const operator = accounts.find((account) => account.email.startsWith('operator@'))!;
const login = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: operator.email, password: operator.password }) });
const cookie = login.headers.getSetCookie().map((header) => header.split(';')[0]).join('; ');
run('simulator/main.ts', { SIM_TARGET: process.env.SIM_TARGET ?? 'udpout:127.0.0.1:14550' });
await waitFor(async () => {
  const page = (await (await fetch(`${baseUrl}/api/vehicles`, { headers: { cookie } })).json()) as { items: Array<{ position: unknown }> };
  return page.items.some((vehicle) => vehicle.position) ? true : null;
}, 'the first aircraft position');
const firstPositionS = (Date.now() - launchedAtMs) / 1000;
console.log(`
  Corridor operations demo — open ${baseUrl}/
  server ready after ${readyS.toFixed(1)} s; first aircraft position after ${firstPositionS.toFixed(1)} s
  Fleet: KAS-1, KAS-2 (Kasungu, Malawi), ERR-1 (Erromango), EPI-1 (Epi, Vanuatu).
  KAS-2 flies through the Kasungu town centre exclusion zone within the first minute.

  Sign in as (passwords are random to this data folder, kept in ${accountsFile}):
${accounts.map((account) => `    ${account.email.padEnd(30)} ${account.password.padEnd(14)} ${account.role}`).join('\n')}

  Ctrl-C stops it.
`);
