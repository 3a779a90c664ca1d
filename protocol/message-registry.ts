import { ardupilotmega, common, icarous, minimal, standard, uavionix, type MavLinkData, type MavLinkDataConstructor } from 'node-mavlink';

/** Message id → mavlink-mappings data class; decides which messages a decoder knows (and can CRC-check). */
export type MessageRegistry = Readonly<Record<number, MavLinkDataConstructor<MavLinkData>>>;

/**
 * The ArduPilot dialect, frozen: ardupilotmega.xml with what it includes that mavlink-mappings ships —
 * minimal, standard (AUTOPILOT_VERSION lives there now), common, uAvionix and icarous.
 */
export const defaultRegistry: MessageRegistry = Object.freeze({
  ...minimal.REGISTRY,
  ...standard.REGISTRY,
  ...common.REGISTRY,
  ...uavionix.REGISTRY,
  ...icarous.REGISTRY,
  ...ardupilotmega.REGISTRY,
});
