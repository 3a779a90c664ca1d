const EXPECTED = "expected kind:host:port with kind udpin, udpout, tcp or tcpin, e.g. 'udpin:0.0.0.0:14550' or 'tcp:127.0.0.1:5760'";
const badText = (text: unknown): string => `Invalid MAVLink connection string ${JSON.stringify(text)}: ${EXPECTED}`;
const badPart = (text: string, part: string, why: string): string =>
  `Invalid MAVLink connection string '${text}': ${part} ${why} (${EXPECTED})`;

/** A parsed MAVLink endpoint, in MAVProxy/pymavlink terms. */
export interface ConnectionString {
  /** udpin: listen for UDP; udpout: send UDP to host:port; tcp: connect to a TCP server (SITL's 5760); tcpin: listen for TCP. */
  kind: 'udpin' | 'udpout' | 'tcp' | 'tcpin';
  /** IPv4 address, host name, or IPv6 address (written in brackets in the text, returned without them). */
  host: string;
  /** Port 1–65535; 0 (an ephemeral port) only for the listening kinds udpin and tcpin. */
  port: number;
}

const KINDS: Readonly<Record<string, ConnectionString['kind']>> = {
  udpin: 'udpin',
  udpout: 'udpout',
  tcp: 'tcp',
  tcpin: 'tcpin',
  udp: 'udpin', // MAVProxy's 'udp:' means listen
};

/**
 * Parses 'udpin:0.0.0.0:14550', 'udpout:127.0.0.1:14550', 'tcp:127.0.0.1:5760', 'tcpin:0.0.0.0:5761'
 * ('udp:' is accepted as udpin, as MAVProxy does; IPv6 hosts go in brackets: 'udpin:[::]:14550').
 * Throws an Error naming the bad part.
 */
export function parseConnectionString(text: string): ConnectionString {
  if (typeof text !== 'string') throw new Error(badText(text));
  const trimmed = text.trim();
  const match = /^([a-z]+):(\[[^\]]*\]|[^:[\]]*):([^:]*)$/i.exec(trimmed);
  if (!match) throw new Error(badText(text));
  const [, kindText = '', hostText = '', portText = ''] = match;
  const kind = KINDS[kindText.toLowerCase()];
  if (kind === undefined) throw new Error(badPart(text, `kind '${kindText}'`, 'is not one of udpin, udpout, tcp, tcpin'));
  const host = hostText.startsWith('[') ? hostText.slice(1, -1) : hostText;
  if (!/^[A-Za-z0-9.\-_:%]+$/.test(host)) throw new Error(badPart(text, `host '${hostText}'`, 'is empty or not an address or host name'));
  if (!/^\d{1,5}$/.test(portText)) throw new Error(badPart(text, `port '${portText}'`, 'is not an integer 0–65535'));
  const port = Number(portText);
  const listens = kind === 'udpin' || kind === 'tcpin';
  if (port > 65535 || (port === 0 && !listens)) {
    throw new Error(badPart(text, `port '${portText}'`, listens ? 'is above 65535' : 'must be 1–65535 for a connecting kind'));
  }
  return { kind, host, port };
}
