import { describe, expect, it } from 'vitest';
import { loadSimulatorConfig } from './simulator-config.ts';

const DEFAULTS = {
  scenario: 'demo', vehicles: null, timeScale: 1, out: null, tcpBasePort: 5760, tcpHost: '127.0.0.1', seed: 1, positionRateHz: 4,
  windSpeedMps: 0, windFromDeg: 0, gpsNoiseM: 0.5,
};

describe('loadSimulatorConfig', () => {
  it('defaults to the demo fleet listening on SITL’s TCP ports with no --out, frozen', () => {
    const config = loadSimulatorConfig([], {});
    expect(config).toEqual(DEFAULTS);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads the flags the issue names', () => {
    const argv = ['--scenario', 'kasungu-survey', '--vehicles', '12', '--speedup', '10', '--out', 'udp:127.0.0.1:14550', '--tcp-base-port', '0', '--seed', '7'];
    expect(loadSimulatorConfig(argv, {})).toEqual({ ...DEFAULTS, scenario: 'kasungu-survey', vehicles: 12, timeScale: 10, out: 'udp:127.0.0.1:14550', tcpBasePort: 0, seed: 7 });
    expect(loadSimulatorConfig(['--tcp-base-port', 'none', '--out', 'none', '--wind-speed', '8', '--wind-from', '270'], {}))
      .toMatchObject({ tcpBasePort: null, out: null, windSpeedMps: 8, windFromDeg: 270 });
  });

  it('takes SIM_* variables, with flags winning over them, and keeps the old names (--target, --time-scale, SIM_TARGET)', () => {
    const env = { SIM_TARGET: 'udpout:127.0.0.2:14550', SIM_POSITION_RATE_HZ: '10', SIM_TIME_SCALE: '', SIM_SCENARIO: 'demo', SIM_GPS_NOISE_M: '0' };
    expect(loadSimulatorConfig(['--target', 'udpout:127.0.0.1:14551', '--time-scale', '5'], env))
      .toEqual({ ...DEFAULTS, out: 'udpout:127.0.0.1:14551', positionRateHz: 10, timeScale: 5, gpsNoiseM: 0 });
    expect(loadSimulatorConfig([], env).out).toBe('udpout:127.0.0.2:14550');
    expect(loadSimulatorConfig([], { SIM_OUT: 'udp:10.0.0.1:14550', SIM_TARGET: 'udpout:127.0.0.2:14550' }).out).toBe('udp:10.0.0.1:14550');
  });

  it('throws one Error naming every bad value', () => {
    expect(() => loadSimulatorConfig(['--rate', '80', '--scenario', 'mars', '--vehicles', '300'], { SIM_OUT: 'tcp:127.0.0.1:5760' }))
      .toThrow(/scenario: must be one of: demo[\s\S]*vehicles[\s\S]*out: must be 'udp:host:port'[\s\S]*positionRateHz/);
    expect(() => loadSimulatorConfig(['--colour', 'red'], {})).toThrow(/colour/);
    expect(() => loadSimulatorConfig(['--tcp-base-port', '70000'], {})).toThrow(/tcpBasePort/);
  });
});
