/** Opaque paging cursors: a few string fields, base64url JSON. */

/** Encode cursor fields. */
export function encodeCursor(fields: Record<string, string>): string {
  return Buffer.from(JSON.stringify(fields)).toString('base64url');
}

/** Decode a cursor from the API; null when it is not one this server issued (the caller answers 400). */
export function decodeCursor<K extends string>(text: string, keys: readonly K[]): Record<K, string> | null {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    return keys.every((key) => typeof value?.[key] === 'string') ? (value as Record<K, string>) : null;
  } catch {
    return null; // not base64/JSON: reported as a bad cursor by the caller
  }
}
