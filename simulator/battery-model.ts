/**
 * The simulated battery: a 4S LiPo of 5,000 mAh, voltage falling linearly from 16.8 V full to 14.0 V
 * empty (close enough over the flat middle of a LiPo's curve for telemetry and failsafe tests).
 */
export const BATTERY = Object.freeze({ cells: 4, fullV: 16.8, emptyV: 14.0, capacityMah: 5000 });

/** Pack voltage at a remaining charge (0–100 %). */
export function batteryVoltageV(remainingPct: number): number {
  return BATTERY.emptyV + (BATTERY.fullV - BATTERY.emptyV) * remainingPct / 100;
}

/** Charge used so far, mAh, at a remaining charge (0–100 %). */
export function consumedMah(remainingPct: number): number {
  return Math.round(BATTERY.capacityMah * (100 - remainingPct) / 100);
}
