/**
 * The simulator's entry file (npm run simulate): reads flags and SIM_* variables once, starts the
 * chosen fleet sending MAVLink 2 over UDP, and stops cleanly on SIGINT/SIGTERM. The only file of
 * simulator/ that reads the environment or prints.
 */
import { Fleet } from './fleet.ts';
import { SCENARIOS } from './scenarios.ts';
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

const config = readConfig();
const definitions = SCENARIOS[config.scenario]?.() ?? [];
const fleet = new Fleet(definitions, { target: config.target, positionRateHz: config.positionRateHz, timeScale: config.timeScale });
fleet.on('error', (error) => console.warn(`simulator: ${error.message}`));

const { ports } = await fleet.start();
console.log(`simulator: '${config.scenario}' fleet → ${config.target}, positions at ${config.positionRateHz} Hz, time ×${config.timeScale}`);
definitions.forEach((definition, index) => {
  console.log(`  sysid ${definition.systemId} ${definition.callsign} (${definition.kind}) from udp port ${ports[index]}`);
});

let isStopping = false;
async function stop(signal: string): Promise<void> {
  if (isStopping) return;
  isStopping = true;
  console.log(`simulator: ${signal}, stopping`);
  await fleet.stop();
}
process.once('SIGINT', () => void stop('SIGINT'));
process.once('SIGTERM', () => void stop('SIGTERM'));
