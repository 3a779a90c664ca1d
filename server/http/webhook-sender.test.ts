/**
 * The webhook POST over real sockets to a real local HTTP server: delivered when private addresses
 * are allowed; refused before anything is sent when they are not — an address literal, and a name
 * that resolves to loopback (as a registered host re-pointed at an inside address would) — and
 * which addresses count as private.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPrivateAddress, postWebhook } from './webhook-sender.ts';

describe('postWebhook', () => {
  const received: Array<{ url: string; body: string; length: string | undefined }> = [];
  let server: http.Server;
  let port = 0;

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        received.push({ url: request.url ?? '', body, length: request.headers['content-length'] });
        response.statusCode = request.url === '/fails' ? 503 : 204;
        response.end('ignored');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('posts the body and answers with the status when private addresses are allowed', async () => {
    const body = JSON.stringify({ event: 'booking.approved', note: 'Kasungu — 06:00' });
    expect(await postWebhook(`http://127.0.0.1:${port}/hooks`, body, { 'content-type': 'application/json' }, { allowPrivate: true })).toBe(204);
    expect(await postWebhook(`http://localhost:${port}/fails`, '{}', {}, { allowPrivate: true })).toBe(503);
    expect(received.slice(-2)).toEqual([
      { url: '/hooks', body, length: String(Buffer.byteLength(body)) },
      { url: '/fails', body: '{}', length: '2' },
    ]);
  });

  it('refuses a private address literal, and a name resolving to loopback, sending nothing', async () => {
    const before = received.length;
    await expect(postWebhook(`http://127.0.0.1:${port}/hooks`, '{}', {}, { allowPrivate: false })).rejects.toThrow('127.0.0.1 is a private or loopback address');
    await expect(postWebhook(`http://[::ffff:127.0.0.1]:${port}/hooks`, '{}', {}, { allowPrivate: false })).rejects.toThrow(/is a private or loopback address/);
    await expect(postWebhook(`http://localhost:${port}/hooks`, '{}', {}, { allowPrivate: false })).rejects.toThrow(/^localhost resolves to (127\.0\.0\.1|::1), a private or loopback address$/);
    expect(received.length).toBe(before);
  });

  it('says when nothing answers', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(postWebhook(`http://127.0.0.1:${closedPort}/`, '{}', {}, { allowPrivate: true })).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('isPrivateAddress', () => {
  it('knows the inside networks, IPv4-mapped IPv6 included, and lets public addresses and names through', () => {
    const inside = ['0.0.0.0', '10.1.2.3', '100.64.0.1', '127.0.0.1', '127.255.0.9', '169.254.169.254', '172.16.0.1', '172.31.255.255', '192.168.1.1', '::', '::1', 'fd00::1', 'fe80::1', '::ffff:10.0.0.1', '::ffff:127.0.0.1'];
    const outside = ['8.8.8.8', '172.32.0.1', '100.128.0.1', '196.216.0.10', '2001:4860:4860::8888', '::ffff:8.8.8.8', 'example.org', 'localhost'];
    expect(inside.filter((address) => !isPrivateAddress(address))).toEqual([]);
    expect(outside.filter(isPrivateAddress)).toEqual([]);
  });
});
