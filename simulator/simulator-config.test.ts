import { describe, expect, it } from 'vitest';
import { loadSimulatorConfig } from './simulator-config.ts';

describe('loadSimulatorConfig', () => {
  it('defaults to the demo fleet sending to the standard ground-station port, frozen', () => {
    const config = loadSimulatorConfig([], {});
    expect(config).toEqual({ target: 'udpout:127.0.0.1:14550', scenario: 'demo', positionRateHz: 4, timeScale: 1 });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('takes SIM_* variables, with flags winning over them', () => {
    const env = { SIM_TARGET: 'udpout:127.0.0.2:14550', SIM_POSITION_RATE_HZ: '10', SIM_TIME_SCALE: '', SIM_SCENARIO: 'demo' };
    expect(loadSimulatorConfig(['--target', 'udpout:127.0.0.1:14551', '--time-scale', '5'], env))
      .toEqual({ target: 'udpout:127.0.0.1:14551', scenario: 'demo', positionRateHz: 10, timeScale: 5 });
  });

  it('throws one Error naming every bad value', () => {
    expect(() => loadSimulatorConfig(['--rate', '50', '--scenario', 'mars'], { SIM_TARGET: 'tcp:127.0.0.1:5760' }))
      .toThrow(/target: must be 'udpout:host:port'[\s\S]*scenario: must be one of: demo[\s\S]*positionRateHz/);
    expect(() => loadSimulatorConfig(['--colour', 'red'], {})).toThrow(/colour/);
  });
});
