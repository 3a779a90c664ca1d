/**
 * `npm start`: read the config, start the platform, stop cleanly on SIGINT/SIGTERM.
 */
import { pino } from 'pino';
import { loadConfig } from './config.ts';
import { startPlatform } from './platform.ts';

const config = loadConfig();
const logger = pino({ level: config.logLevel, base: { name: 'server' } });
const platform = await startPlatform(config, logger);
logger.info(`Corridor flight operations at http://localhost:${platform.httpPort}/`);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping: flushing writes');
  try {
    await platform.close();
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, 'error while stopping');
    process.exit(1);
  }
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
