/** The configuration refuses what would go wrong later: a MAVLink link no transport takes, or two links with one id. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('takes several links with their own ids', () => {
    expect(loadConfig({ MAVLINK_LINKS: 'udpin:0.0.0.0:14550, tcp:127.0.0.1:5760,tcpin:0.0.0.0:5761' }).mavlinkLinks).toEqual([
      'udpin:0.0.0.0:14550', 'tcp:127.0.0.1:5760', 'tcpin:0.0.0.0:5761',
    ]);
  });

  it('refuses two links that would share an id, naming both', () => {
    expect(() => loadConfig({ MAVLINK_LINKS: 'udpin:127.0.0.1:0,udpin:127.0.0.1:0' })).toThrow(
      "MAVLINK_LINKS: 'udpin:127.0.0.1:0' and 'udpin:127.0.0.1:0' would both be link 'udp-0': give each its own port",
    );
    expect(() => loadConfig({ MAVLINK_LINKS: 'udpin:0.0.0.0:14550,udp:[::]:14550' })).toThrow(/would both be link 'udp-14550'/);
    // Listed with every other bad variable, so one start names them all.
    expect(() => loadConfig({ MAVLINK_LINKS: 'udpin:127.0.0.1:0,udpin:127.0.0.1:0', PORT: 'eighty' })).toThrow(/PORT: .*[\s\S]*MAVLINK_LINKS: .*would both be link 'udp-0'|MAVLINK_LINKS: .*would both be link 'udp-0'[\s\S]*PORT: /);
  });

  it('refuses a link no transport takes, saying why, with every other problem', () => {
    expect(() => loadConfig({ MAVLINK_LINKS: 'udpout:127.0.0.1:14550,serial:/dev/ttyUSB0' })).toThrow(/MAVLINK_LINKS: openLink: 'udpout:127\.0\.0\.1:14550' is udpout[\s\S]*MAVLINK_LINKS: .*serial/);
  });
});
