/** Test-only helpers for the link tests: frames, and waiting on events without timing anything. */
import type { EventEmitter } from 'node:events';
import { minimal } from 'node-mavlink';
import { encodeMessage } from '../encode-message.ts';
import type { ReceivedMessage } from '../received-message.ts';
import type { LinkConnectionEvent, MavlinkLinkEvents } from './mavlink-link.ts';

export const LOOPBACK = '127.0.0.1';

export function heartbeatFrame(systemId: number, sequence: number): Buffer {
  return encodeMessage(Object.assign(new minimal.Heartbeat(), { type: 2, autopilot: 3 }), { systemId, componentId: 1, sequence });
}

/** Resolves with the first `count` messages the link emits from now on. */
export function nextMessages(link: EventEmitter<MavlinkLinkEvents>, count: number): Promise<ReceivedMessage[]> {
  const messages: ReceivedMessage[] = [];
  return new Promise((resolve) => {
    const onMessage = (message: ReceivedMessage): void => {
      messages.push(message);
      if (messages.length < count) return;
      link.off('message', onMessage);
      resolve(messages);
    };
    link.on('message', onMessage);
  });
}

/** Resolves with the next 'connection' event in `state`. */
export function nextConnection(link: EventEmitter<MavlinkLinkEvents>, state: LinkConnectionEvent['state']): Promise<LinkConnectionEvent> {
  return new Promise((resolve) => {
    const onConnection = (event: LinkConnectionEvent): void => {
      if (event.state !== state) return;
      link.off('connection', onConnection);
      resolve(event);
    };
    link.on('connection', onConnection);
  });
}

/** Resolves once `isDone()` holds, checking on every turn of the event loop (the test timeout bounds the wait). */
export function until(isDone: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (isDone()) resolve();
      else setImmediate(check);
    };
    check();
  });
}
