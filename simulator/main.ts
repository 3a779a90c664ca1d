/**
 * The simulator's entry file (npm run sim, npm run simulate): reads flags and SIM_* variables once,
 * starts the chosen scenario's fleet (TCP per aircraft as SITL instances, optional UDP --out), prints
 * where to point a ground station, and stops cleanly on SIGINT/SIGTERM. The only file of simulator/
 * that reads the environment or prints.
 */
import type { AircraftDefinition } from './aircraft-definition.ts';
import { Fleet } from './fleet.ts';
import { scenarioFleet } from './scenarios.ts';
import { loadSimulatorConfig, SIMULATOR_USAGE, type SimulatorConfig } from './simulator-config.ts';

function readConfig(): SimulatorConfig {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(SIMULATOR_USAGE);
    process.exit(0);
  }
  try {
    return loadSimulatorConfig(argv, process.env);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
}

function readFleet(config: SimulatorConfig): AircraftDefinition[] {
  try {
    return scenarioFleet(config.scenario, { vehicles: config.vehicles ?? undefined });
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
}

const config = readConfig();
const definitions = readFleet(config);
const fleet = new Fleet(definitions, {
  out: config.out, tcpBasePort: config.tcpBasePort, tcpHost: config.tcpHost, positionRateHz: config.positionRateHz, timeScale: config.timeScale,
  seed: config.seed, gpsNoiseM: config.gpsNoiseM, wind: { speedMps: config.windSpeedMps, fromDeg: config.windFromDeg },
});
fleet.on('error', (error) => console.warn(`simulator: ${error.message}`));
fleet.on('connection', ({ systemId, remote, state }) => console.log(`simulator: ground station ${remote} ${state} (sysid ${systemId})`));

const { ports, tcpPorts } = await fleet.start();
const wind = config.windSpeedMps > 0 ? `, wind ${config.windSpeedMps} m/s from ${config.windFromDeg}°` : '';
console.log(`simulator: '${config.scenario}', ${definitions.length} aircraft, time ×${config.timeScale}, seed ${config.seed}${wind}`);
console.log(config.out === null
  ? '  no --out: each aircraft only listens on TCP and sends once a ground station connects, like SITL'
  : `  sending to ${config.out} (positions at ${config.positionRateHz} Hz until a ground station asks otherwise)`);
definitions.forEach((definition, index) => {
  const tcp = tcpPorts[index] === undefined ? '' : ` tcp:${config.tcpHost}:${tcpPorts[index]}`;
  const udp = ports[index] === undefined ? '' : ` from udp port ${ports[index]}`;
  console.log(`  sysid ${definition.systemId} ${definition.callsign} (${definition.kind})${tcp}${udp}`);
});
if (tcpPorts[0] !== undefined) console.log(`  e.g. mavproxy.py --master tcp:127.0.0.1:${tcpPorts[0]}   or QGroundControl: Comm Links → TCP, port ${tcpPorts[0]}`);

let isStopping = false;
async function stop(signal: string): Promise<void> {
  if (isStopping) return;
  isStopping = true;
  console.log(`simulator: ${signal}, stopping`);
  await fleet.stop();
}
process.once('SIGINT', () => void stop('SIGINT'));
process.once('SIGTERM', () => void stop('SIGTERM'));
