/**
 * The simulator's one configuration: command-line flags over environment variables, validated by
 * a schema and frozen. Pure (the entry file passes argv and env in); throws one Error listing every
 * bad value. Defaults point at loopback and the standard ground-station port.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { parseConnectionString } from '../protocol/index.ts';
import { SCENARIOS } from './scenarios.ts';

/** Flags (and the variables they override) with their defaults, for --help. */
export const SIMULATOR_USAGE = [
  'Usage: npm run simulate -- [--target udpout:HOST:PORT] [--scenario NAME] [--rate HZ] [--time-scale X]',
  '  --target      SIM_TARGET            where to send MAVLink (default udpout:127.0.0.1:14550)',
  `  --scenario    SIM_SCENARIO          fleet to fly: ${Object.keys(SCENARIOS).join(', ')} (default demo)`,
  '  --rate        SIM_POSITION_RATE_HZ  GLOBAL_POSITION_INT per aircraft, 0.1–10 Hz (default 4)',
  '  --time-scale  SIM_TIME_SCALE        simulated seconds per real second (default 1)',
].join('\n');

const configSchema = z.object({
  /** Where the ground station listens. */
  target: z.string().default('udpout:127.0.0.1:14550').superRefine((text, context) => {
    try {
      if (parseConnectionString(text).kind !== 'udpout') context.addIssue({ code: 'custom', message: "must be 'udpout:host:port'" });
    } catch (error) {
      context.addIssue({ code: 'custom', message: (error as Error).message });
    }
  }),
  /** Which fleet to fly. */
  scenario: z.string().default('demo').refine((name) => Object.hasOwn(SCENARIOS, name), { message: `must be one of: ${Object.keys(SCENARIOS).join(', ')}` }),
  /** GLOBAL_POSITION_INT rate per aircraft. */
  positionRateHz: z.coerce.number().min(0.1).max(10).default(4),
  /** Simulated seconds per real second. */
  timeScale: z.coerce.number().positive().max(1000).default(1),
});

/** The validated, frozen simulator configuration. */
export type SimulatorConfig = Readonly<z.infer<typeof configSchema>>;

/** Reads flags (argv without node and the script) over SIM_* variables; throws an Error naming every bad value. */
export function loadSimulatorConfig(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): SimulatorConfig {
  const { values } = parseArgs({
    args: [...argv],
    options: { target: { type: 'string' }, scenario: { type: 'string' }, rate: { type: 'string' }, 'time-scale': { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  const blankToUndefined = (value: string | undefined): string | undefined => (value === '' ? undefined : value);
  const parsed = configSchema.safeParse({
    target: values.target ?? blankToUndefined(env['SIM_TARGET']),
    scenario: values.scenario ?? blankToUndefined(env['SIM_SCENARIO']),
    positionRateHz: values.rate ?? blankToUndefined(env['SIM_POSITION_RATE_HZ']),
    timeScale: values['time-scale'] ?? blankToUndefined(env['SIM_TIME_SCALE']),
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid simulator configuration:\n${problems.join('\n')}\n${SIMULATOR_USAGE}`);
  }
  return Object.freeze(parsed.data);
}
