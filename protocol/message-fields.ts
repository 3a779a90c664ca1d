/** A decoded message's fields, read by name (mavlink-mappings camelCase), never trusted to be well-formed. */
export type Fields = Record<string, unknown>;

/** The field as a finite number, else null (missing, NaN, a string: bad input from a vehicle is ignored). */
export function numberField(data: Fields, key: string): number | null {
  const value = data[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** `state` when `patch` changes nothing (nested objects compared field by field), else a new object; pure. */
export function applyPatch<T extends object>(state: T, patch: Partial<T> | null): T {
  if (patch === null) return state;
  const current = state as unknown as Fields;
  const changed = Object.entries(patch).some(([key, value]) => !isSame(current[key], value));
  return changed ? { ...state, ...patch } : state;
}

function isSame(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const left = a as Fields;
  const right = b as Fields;
  const keys = Object.keys(right);
  return keys.length === Object.keys(left).length && keys.every((key) => left[key] === right[key]);
}
