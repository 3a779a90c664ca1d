/**
 * Test-only: a minimal ground station over a real TcpClientLink, as the platform's ingest connects to
 * SITL — it encodes and sends messages as system 255 / component 190, keeps every message it receives,
 * and stamps them with the simulator's own clock, so tests reason in simulated time, never wall-clock.
 */
import { encodeMessage, MessageSequence, TcpClientLink, type MavLinkData, type ReceivedMessage } from '../protocol/index.ts';

export const GCS = { systemId: 255, componentId: 190 } as const;

/** A connected test ground station. */
export interface TestGroundStation {
  link: TcpClientLink;
  messages: ReceivedMessage[];
  /** The peer 'ip:port' once connected. */
  remote(): string;
  send(...messages: MavLinkData[]): void;
  close(): Promise<void>;
}

/** Connects to `port` on loopback; `simulatedMs` stamps what arrives. Resolves once connected. */
export async function connectGroundStation(port: number, simulatedMs: () => number): Promise<TestGroundStation> {
  const link = new TcpClientLink({ id: `tcp-127.0.0.1-${port}`, host: '127.0.0.1', port, clock: simulatedMs, initialBackoffMs: 20, maxBackoffMs: 200 });
  const messages: ReceivedMessage[] = [];
  const sequence = new MessageSequence();
  let remote = '';
  link.on('message', (message) => messages.push(message));
  link.on('connection', (event) => {
    if (event.state === 'connected') remote = event.remote;
  });
  const connected = new Promise<void>((resolve) => link.once('connection', () => resolve()));
  await link.start();
  await connected;
  return {
    link, messages, remote: () => remote,
    send: (...outgoing) => {
      for (const message of outgoing) link.send(remote, encodeMessage(message, { ...GCS, sequence: sequence.next() }));
    },
    close: () => link.close(),
  };
}

/** Resolves with `check()`'s first non-null, non-false value, polling every 10 ms (the test timeout bounds the wait). */
export async function eventually<T>(check: () => T | null | undefined | false): Promise<T> {
  for (;;) {
    const value = check();
    if (value !== null && value !== undefined && value !== false) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
