import { afterEach, describe, expect, it } from 'vitest';
import { heartbeatFrame, LOOPBACK, nextMessages } from './link-test-support.ts';
import type { MavlinkLink } from './mavlink-link.ts';
import { openLink } from './open-link.ts';
import { TcpClientLink } from './tcp-client-link.ts';
import { TcpServerLink } from './tcp-server-link.ts';
import { UdpLink } from './udp-link.ts';
import { connect } from 'node:net';
import { once } from 'node:events';

describe('openLink', () => {
  const links: MavlinkLink[] = [];
  afterEach(async () => {
    for (const link of links.splice(0)) await link.close();
  });

  it.each([
    ['udpin:0.0.0.0:14550', UdpLink, 'udpin', 'udp-14550'],
    ['udp:0.0.0.0:14551', UdpLink, 'udpin', 'udp-14551'],
    ['tcp:127.0.0.1:5760', TcpClientLink, 'tcp', 'tcp-127.0.0.1-5760'],
    ['tcpin:0.0.0.0:5761', TcpServerLink, 'tcpin', 'tcpin-5761'],
  ] as const)('%s → %s, id and kind from the string', (text, type, kind, id) => {
    const link = openLink(text);
    expect(link).toBeInstanceOf(type);
    expect([link.kind, link.id]).toEqual([kind, id]);
  });

  it('takes an id, and a parsed connection string', () => {
    expect(openLink({ kind: 'tcpin', host: LOOPBACK, port: 0 }, { id: 'mine' }).id).toBe('mine');
  });

  it('refuses udpout and malformed strings, naming them', () => {
    expect(() => openLink('udpout:127.0.0.1:14550')).toThrow(/'udpout:127.0.0.1:14550' is udpout/);
    expect(() => openLink('serial:/dev/ttyUSB0:57600')).toThrow(/kind 'serial'/);
  });

  it('gives a working link: tcpin on an ephemeral port receives what a peer sends', async () => {
    const link = openLink(`tcpin:${LOOPBACK}:0`, { clock: () => 42 });
    links.push(link);
    const { port } = await link.start();
    const socket = connect({ host: LOOPBACK, port });
    await once(socket, 'connect');
    const arrived = nextMessages(link, 1);
    socket.write(heartbeatFrame(5, 3));
    expect((await arrived)[0]).toMatchObject({ linkId: `tcpin-0`, systemId: 5, sequence: 3, receivedAtMs: 42 });
    socket.destroy();
  });
});
