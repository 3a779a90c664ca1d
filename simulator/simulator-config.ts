/**
 * The simulator's one configuration: command-line flags over environment variables, validated by
 * a schema and frozen. Pure (the entry file passes argv and env in); throws one Error listing every
 * bad value. Defaults point at loopback and SITL's standard ports.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { parseConnectionString } from '../protocol/index.ts';
import { SCENARIOS } from './scenarios.ts';

/** Flags (and the variables they override) with their defaults, for --help. */
export const SIMULATOR_USAGE = [
  'Usage: npm run sim -- [--scenario NAME] [--vehicles N] [--speedup K] [--out udp:HOST:PORT] [--tcp-base-port PORT] [--seed S] …',
  `  --scenario       SIM_SCENARIO          fleet to fly: ${Object.keys(SCENARIOS).join(', ')} (default demo)`,
  '  --vehicles       SIM_VEHICLES          aircraft in all, 1–253; survey aircraft fill up the scenario (default: the scenario\'s own)',
  '  --speedup        SIM_SPEEDUP           simulated seconds per real second, up to 1000 (default 1; --time-scale is the same)',
  '  --out            SIM_OUT               also send MAVLink 2 over UDP there, as SITL\'s --out (default none: TCP only; --target is the same)',
  '  --tcp-base-port  SIM_TCP_BASE_PORT     aircraft i listens on PORT + 10·i, as SITL instances do; 0 = ephemeral, none = no TCP (default 5760)',
  '  --tcp-host       SIM_TCP_HOST          address the TCP ports listen on (default 127.0.0.1; 0.0.0.0 for other machines)',
  '  --seed           SIM_SEED              seed of the GPS noise (default 1)',
  '  --rate           SIM_POSITION_RATE_HZ  GLOBAL_POSITION_INT and ATTITUDE on --out before a ground station asks, 0–50 Hz (default 4)',
  '  --wind-speed     SIM_WIND_SPEED_MPS    wind speed, m/s (default 0)',
  '  --wind-from      SIM_WIND_FROM_DEG     direction the wind blows from, degrees true (default 0)',
  '  --gps-noise      SIM_GPS_NOISE_M       GPS error standard deviation, m (default 0.5)',
].join('\n');

const outSchema = z.string().superRefine((text, context) => {
  if (text === 'none') return;
  try {
    const kind = parseConnectionString(/^udp:/i.test(text) ? `udpout:${text.slice(4)}` : text).kind;
    if (kind !== 'udpout') context.addIssue({ code: 'custom', message: "must be 'udp:host:port', 'udpout:host:port' or 'none'" });
  } catch (error) {
    context.addIssue({ code: 'custom', message: (error as Error).message });
  }
});

const configSchema = z.object({
  /** Which fleet to fly. */
  scenario: z.string().default('demo').refine((name) => Object.hasOwn(SCENARIOS, name), { message: `must be one of: ${Object.keys(SCENARIOS).join(', ')}` }),
  /** Aircraft in all; null = the scenario's own. */
  vehicles: z.coerce.number().int().min(1).max(253).nullable().default(null),
  /** Simulated seconds per real second. */
  timeScale: z.coerce.number().positive().max(1000).default(1),
  /** UDP destination, null for none. */
  out: outSchema.nullable().default(null).transform((text) => (text === 'none' ? null : text)),
  /** TCP port of aircraft 0, null for no TCP. */
  tcpBasePort: z.union([z.literal('none').transform(() => null), z.coerce.number().int().min(0).max(65535)]).default(5760),
  /** TCP listen address. */
  tcpHost: z.string().min(1).default('127.0.0.1'),
  /** Seed of the GPS noise. */
  seed: z.coerce.number().int().default(1),
  /** Positions on --out before a ground station asks. */
  positionRateHz: z.coerce.number().min(0).max(50).default(4),
  windSpeedMps: z.coerce.number().min(0).max(60).default(0),
  windFromDeg: z.coerce.number().min(0).max(360).default(0),
  gpsNoiseM: z.coerce.number().min(0).max(100).default(0.5),
});

/** The validated, frozen simulator configuration. */
export type SimulatorConfig = Readonly<z.infer<typeof configSchema>>;

/** Flags and the variables they override (first variable wins over later ones). */
const FLAGS = {
  scenario: { flag: 'scenario', env: ['SIM_SCENARIO'] },
  vehicles: { flag: 'vehicles', env: ['SIM_VEHICLES'] },
  timeScale: { flag: 'speedup', alias: 'time-scale', env: ['SIM_SPEEDUP', 'SIM_TIME_SCALE'] },
  out: { flag: 'out', alias: 'target', env: ['SIM_OUT', 'SIM_TARGET'] },
  tcpBasePort: { flag: 'tcp-base-port', env: ['SIM_TCP_BASE_PORT'] },
  tcpHost: { flag: 'tcp-host', env: ['SIM_TCP_HOST'] },
  seed: { flag: 'seed', env: ['SIM_SEED'] },
  positionRateHz: { flag: 'rate', env: ['SIM_POSITION_RATE_HZ'] },
  windSpeedMps: { flag: 'wind-speed', env: ['SIM_WIND_SPEED_MPS'] },
  windFromDeg: { flag: 'wind-from', env: ['SIM_WIND_FROM_DEG'] },
  gpsNoiseM: { flag: 'gps-noise', env: ['SIM_GPS_NOISE_M'] },
} as const satisfies Record<keyof z.input<typeof configSchema>, { flag: string; alias?: string; env: readonly string[] }>;

/** Reads flags (argv without node and the script) over SIM_* variables; throws an Error naming every bad value. */
export function loadSimulatorConfig(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): SimulatorConfig {
  const names = Object.values(FLAGS).flatMap((entry) => ('alias' in entry ? [entry.flag, entry.alias] : [entry.flag]));
  const { values } = parseArgs({
    args: [...argv],
    options: Object.fromEntries(names.map((name) => [name, { type: 'string' as const }])),
    strict: true,
    allowPositionals: false,
  });
  const blankToUndefined = (value: string | undefined): string | undefined => (value === '' ? undefined : value);
  const input = Object.fromEntries(Object.entries(FLAGS).map(([key, entry]) => {
    const fromFlags = values[entry.flag] ?? ('alias' in entry ? values[entry.alias] : undefined);
    const fromEnv = entry.env.map((name) => blankToUndefined(env[name])).find((value) => value !== undefined);
    return [key, (fromFlags as string | undefined) ?? fromEnv];
  }));
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid simulator configuration:\n${problems.join('\n')}\n${SIMULATOR_USAGE}`);
  }
  return Object.freeze(parsed.data);
}
