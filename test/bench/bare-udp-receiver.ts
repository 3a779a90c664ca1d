/**
 * A bare Node UDP socket in its own process, the ceiling the end-to-end benchmark compares the
 * server with: it binds 127.0.0.1:0 with the same 4 MiB receive buffer as the server's UdpLink,
 * counts datagrams and bytes, and does nothing else. Talks to its parent over IPC: sends
 * `{ port }` once bound; answers `'start'` by zeroing its counts and `'stop'` with
 * `{ datagrams, bytes, seconds }`, then exits.
 */
import dgram from 'node:dgram';

const socket = dgram.createSocket({ type: 'udp4', recvBufferSize: 4 * 1024 * 1024 });
let datagrams = 0;
let bytes = 0;
let startedAtMs = performance.now();
socket.on('message', (message) => {
  datagrams += 1;
  bytes += message.length;
});
socket.bind(0, '127.0.0.1', () => process.send?.({ port: socket.address().port }));
process.on('message', (command) => {
  if (command === 'start') {
    datagrams = 0;
    bytes = 0;
    startedAtMs = performance.now();
  } else if (command === 'stop') {
    const seconds = (performance.now() - startedAtMs) / 1000;
    process.send?.({ datagrams, bytes, seconds }, () => {
      socket.close();
      process.exit(0);
    });
  }
});
