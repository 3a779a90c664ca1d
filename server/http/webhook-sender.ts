/**
 * The outbound HTTP POST of a webhook delivery: 5 s to answer, redirects not followed (a webhook
 * names its final URL). Unless private webhooks are allowed (WEBHOOK_ALLOW_PRIVATE), the address
 * connected to must be public: a name is checked as it is resolved for this very connection, so a
 * host re-pointed at a private or loopback address after it was registered is refused too.
 */
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

/** Most time from sending to the end of the answer. */
const ANSWER_WITHIN_MS = 5000;

/** Where a webhook may not reach: unspecified, private, shared (CGNAT), loopback, link-local and unique-local networks. */
const PRIVATE_NETWORKS = new net.BlockList();
for (const [network, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16]] as const) {
  PRIVATE_NETWORKS.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10]] as const) PRIVATE_NETWORKS.addSubnet(network, prefix, 'ipv6');

/** Whether `address` (an IP address; IPv4-mapped IPv6 counts as its IPv4 address) is one a webhook may not reach; a name is not an address: false. */
export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 0) return false;
  return PRIVATE_NETWORKS.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/** dns.lookup for one connection that fails when the name resolves to any private address. */
function publicOnlyLookup(hostname: string, options: dns.LookupOptions, callback: LookupCallback): void {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const blocked = addresses.find((entry) => isPrivateAddress(entry.address));
    if (blocked) return callback(Object.assign(new Error(`${hostname} resolves to ${blocked.address}, a private or loopback address`), { code: 'EPRIVATEADDRESS' }), []);
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}

/** POST `body` to `url`; resolves with the HTTP status, rejects when nothing answered or the address is private (and not allowed). */
export function postWebhook(url: string, body: string, headers: Record<string, string>, options: { allowPrivate: boolean }): Promise<number> {
  const target = new URL(url);
  const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!options.allowPrivate && isPrivateAddress(host)) return Promise.reject(new Error(`${target.hostname} is a private or loopback address`));
  return new Promise((resolve, reject) => {
    const request = (target.protocol === 'https:' ? https : http).request(target, {
      method: 'POST',
      // A connection of its own: a pooled one would skip the address check made when connecting.
      agent: false,
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      ...(!options.allowPrivate && { lookup: publicOnlyLookup as unknown as net.LookupFunction }),
    }, (response) => {
      response.resume(); // the answer's body is not read, only drained
      response.on('end', () => {
        clearTimeout(timer);
        resolve(response.statusCode ?? 0);
      });
      response.on('error', reject);
    });
    const timer = setTimeout(() => request.destroy(new Error(`no answer within ${ANSWER_WITHIN_MS / 1000} s`)), ANSWER_WITHIN_MS);
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end(body);
  });
}
