import { describe, expect, it } from 'vitest';
import { parseConnectionString } from './connection-string.ts';

describe('parseConnectionString', () => {
  it.each([
    ['udpin:0.0.0.0:14550', { kind: 'udpin', host: '0.0.0.0', port: 14550 }],
    ['udpout:127.0.0.1:14550', { kind: 'udpout', host: '127.0.0.1', port: 14550 }],
    ['tcp:127.0.0.1:5760', { kind: 'tcp', host: '127.0.0.1', port: 5760 }],
    ['tcpin:0.0.0.0:5761', { kind: 'tcpin', host: '0.0.0.0', port: 5761 }],
    ['udp:0.0.0.0:14550', { kind: 'udpin', host: '0.0.0.0', port: 14550 }],
    ['udpin:[::]:14550', { kind: 'udpin', host: '::', port: 14550 }],
    ['tcp:sitl.local:5760', { kind: 'tcp', host: 'sitl.local', port: 5760 }],
    ['udpin:127.0.0.1:0', { kind: 'udpin', host: '127.0.0.1', port: 0 }],
  ])('parses %s', (text, expected) => {
    expect(parseConnectionString(text)).toEqual(expected);
  });

  it.each([
    ['serial:/dev/ttyUSB0:57600', /kind 'serial'/],
    ['udpin:0.0.0.0:145x0', /port '145x0'/],
    ['udpin:0.0.0.0:70000', /port '70000'.*above 65535/],
    ['udpout:127.0.0.1:0', /port '0'.*connecting/],
    ['udpin::14550', /host ''/],
    ['udpin:0.0.0.0', /expected kind:host:port/],
    ['', /expected kind:host:port/],
  ])('rejects %s, naming the bad part', (text, message) => {
    expect(() => parseConnectionString(text)).toThrow(message);
  });
});
