import { createHash } from 'node:crypto';
import { MavLinkPacketParser, MavLinkPacketSignature, MavLinkPacketSplitter, minimal, type MavLinkPacket } from 'node-mavlink';
import { describe, expect, it } from 'vitest';
import { encodeMessage } from './encode-message.ts';
import { encodeSignedMessage } from './encode-signed-message.ts';
import { handFrameV2, handSign } from './fixtures/hand-built-frames.ts';
import { MavlinkDecoder } from './mavlink-decoder.ts';
import type { DecodedFrame } from './received-message.ts';
import { SignatureVerifier } from './signature-verifier.ts';
import { signingKeyFromPassphrase } from './signing-key.ts';
import { toSigningTimestamp } from './signing-timestamp.ts';

const KEY = signingKeyFromPassphrase('kas-3-demo-key');
const OTHER_KEY = signingKeyFromPassphrase('not-the-key');
/** 2026-11-27T16:00:00Z in 10 µs units since 2015-01-01. */
const T0 = Number(toSigningTimestamp(Date.UTC(2026, 10, 27, 16)));

function heartbeat(): minimal.Heartbeat {
  return Object.assign(new minimal.Heartbeat(), { type: 2, autopilot: 3, baseMode: 217, customMode: 3, systemStatus: 4 });
}

function signed(sequence: number, timestamp: number, options: { key?: Buffer; systemId?: number; signatureLinkId?: number } = {}): Buffer {
  return encodeSignedMessage(heartbeat(), {
    systemId: options.systemId ?? 13, componentId: 1, sequence, key: options.key ?? KEY, signatureLinkId: options.signatureLinkId ?? 0, timestamp,
  });
}

function decode(bytes: Buffer): DecodedFrame & { linkId: string } {
  const [frame] = new MavlinkDecoder().push(bytes);
  if (frame === undefined) throw new Error('the test frame did not decode');
  return { ...frame, linkId: 'udp-14550' };
}

describe('signingKeyFromPassphrase and toSigningTimestamp', () => {
  it('hashes the passphrase with SHA-256, as MAVProxy’s signing setup does', () => {
    expect(KEY.equals(createHash('sha256').update('kas-3-demo-key').digest())).toBe(true);
    expect(KEY).toHaveLength(32);
    expect(() => signingKeyFromPassphrase('')).toThrow(/non-empty string/);
  });

  it('counts 10 µs units since 2015-01-01', () => {
    expect(toSigningTimestamp(Date.UTC(2015, 0, 1))).toBe(0n);
    expect(toSigningTimestamp(Date.UTC(2015, 0, 1, 0, 0, 1))).toBe(100_000n);
    expect(() => toSigningTimestamp(Date.UTC(2014, 11, 31))).toThrow(/from 2015-01-01/);
  });
});

describe('encodeSignedMessage', () => {
  it('matches a signed frame built by hand: IFLAG_SIGNED under the CRC, sha256(key + frame + link id + timestamp)[0, 6)', () => {
    const payload = Buffer.alloc(9);
    payload.writeUInt32LE(3, 0); // custom_mode
    payload.set([2, 3, 217, 4, 3], 4); // type, autopilot, base_mode, system_status, mavlink_version
    const unsignedPart = handFrameV2({ systemId: 13, componentId: 1, sequence: 7, messageId: 0, crcExtra: 50 }, payload, 0x01);
    const expected = handSign(unsignedPart, KEY, 2, T0);
    const frame = encodeSignedMessage(heartbeat(), { systemId: 13, componentId: 1, sequence: 7, key: KEY, signatureLinkId: 2, timestamp: BigInt(T0) });
    expect(frame.toString('hex')).toBe(expected.toString('hex'));
    expect(frame[2]).toBe(0x01);
    expect(frame).toHaveLength(10 + 9 + 2 + 13);
  });

  it('is accepted by node-mavlink’s splitter and signature check', async () => {
    const frame = signed(1, T0);
    const splitter = new MavLinkPacketSplitter();
    const parser = splitter.pipe(new MavLinkPacketParser());
    const packets: MavLinkPacket[] = [];
    parser.on('data', (packet: MavLinkPacket) => packets.push(packet));
    const ended = new Promise((resolve) => parser.on('end', resolve));
    splitter.end(frame);
    await ended;
    expect(packets).toHaveLength(1);
    expect(packets[0]!.signature!.matches(KEY)).toBe(true);
    expect(new MavLinkPacketSignature(Buffer.from(frame)).timestamp).toBe(T0);
  });

  it('names bad options', () => {
    const base = { systemId: 13, componentId: 1, sequence: 0, signatureLinkId: 0, timestamp: T0 };
    expect(() => encodeSignedMessage(heartbeat(), { ...base, key: Buffer.alloc(16) })).toThrow(/key must be a 32-byte Buffer/);
    expect(() => encodeSignedMessage(heartbeat(), { ...base, key: KEY, signatureLinkId: 256 })).toThrow(/signatureLinkId/);
    expect(() => encodeSignedMessage(heartbeat(), { ...base, key: KEY, timestamp: -1 })).toThrow(/timestamp/);
    expect(() => encodeSignedMessage(heartbeat(), { ...base, key: KEY, timestamp: 2 ** 48 })).toThrow(/timestamp/);
    expect(() => encodeSignedMessage(heartbeat(), { ...base, key: KEY, protocolVersion: 1 })).toThrow(/MAVLink 2/);
  });
});

describe('SignatureVerifier', () => {
  it('accepts a good signature and reads an unsigned frame as unsigned', () => {
    const verifier = new SignatureVerifier();
    expect(verifier.verify(decode(signed(0, T0)), KEY)).toBe('valid');
    expect(verifier.verify(decode(encodeMessage(heartbeat(), { systemId: 13, componentId: 1, sequence: 1 })), KEY)).toBe('unsigned');
    expect(verifier.verify(decode(encodeMessage(heartbeat(), { systemId: 13, componentId: 1, sequence: 2, protocolVersion: 1 })), KEY)).toBe('unsigned');
  });

  it('rejects the wrong key, and any changed byte (payload with a fixed CRC, link id, timestamp or signature)', () => {
    const verifier = new SignatureVerifier();
    expect(verifier.verify(decode(signed(0, T0, { key: OTHER_KEY })), KEY)).toBe('bad-signature');
    const original = signed(1, T0 + 1);
    for (const offset of [original.length - 1, original.length - 7, original.length - 13]) {
      const mutated = Buffer.from(original);
      mutated[offset] = (mutated[offset] as number) ^ 0x20;
      expect(verifier.verify(decode(mutated), KEY), `byte ${offset}`).toBe('bad-signature');
    }
    // A payload byte changed by someone who recomputed the CRC (but does not know the key).
    const payload = Buffer.from(original.subarray(10, 19));
    payload[0] = 4;
    const forged = handSign(handFrameV2({ systemId: 13, componentId: 1, sequence: 1, messageId: 0, crcExtra: 50 }, payload, 0x01), OTHER_KEY, 0, T0 + 1);
    expect(verifier.verify(decode(forged), KEY)).toBe('bad-signature');
    expect(verifier.verify(decode(original), KEY)).toBe('valid'); // nothing was remembered from the bad ones
  });

  it('rejects a replayed or older timestamp on the same stream, not on another stream', () => {
    const verifier = new SignatureVerifier();
    expect(verifier.verify(decode(signed(0, T0)), KEY)).toBe('valid');
    expect(verifier.verify(decode(signed(0, T0)), KEY)).toBe('replayed');
    expect(verifier.verify(decode(signed(1, T0 - 1)), KEY)).toBe('replayed');
    expect(verifier.verify(decode(signed(2, T0 + 1)), KEY)).toBe('valid');
    expect(verifier.verify(decode(signed(0, T0 - 5, { signatureLinkId: 1 })), KEY)).toBe('valid'); // another signature link id
    expect(verifier.verify(decode(signed(0, T0 - 5, { systemId: 14 })), KEY)).toBe('valid'); // another aircraft
    expect(verifier.verify({ ...decode(signed(0, T0)), linkId: 'tcp-127.0.0.1-5760' }, KEY)).toBe('valid'); // another link
  });

  it('rejects a new stream lagging the newest timestamp by more than maxAgeMs', () => {
    const verifier = new SignatureVerifier({ maxAgeMs: 1000 });
    expect(verifier.verify(decode(signed(0, T0)), KEY)).toBe('valid');
    expect(verifier.verify(decode(signed(0, T0 - 100_001, { signatureLinkId: 5 })), KEY)).toBe('replayed'); // 1.00001 s older
    expect(verifier.verify(decode(signed(0, T0 - 100_000, { signatureLinkId: 6 })), KEY)).toBe('valid');
  });

  it('names a bad key or option', () => {
    expect(() => new SignatureVerifier().verify(decode(signed(0, T0)), Buffer.alloc(31))).toThrow(/key must be a 32-byte Buffer .*, got 31 bytes/);
    expect(() => new SignatureVerifier({ maxAgeMs: -1 })).toThrow(/maxAgeMs/);
  });
});
