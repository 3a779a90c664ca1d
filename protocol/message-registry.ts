import { ardupilotmega, common, minimal, type MavLinkData, type MavLinkDataConstructor } from 'node-mavlink';

/** Message id → mavlink-mappings data class; decides which messages a decoder knows (and can CRC-check). */
export type MessageRegistry = Readonly<Record<number, MavLinkDataConstructor<MavLinkData>>>;

/** The ArduPilot dialect: minimal + common + ardupilotmega messages (frozen). */
export const defaultRegistry: MessageRegistry = Object.freeze({
  ...minimal.REGISTRY,
  ...common.REGISTRY,
  ...ardupilotmega.REGISTRY,
});
