/**
 * DynamoDB's item size, from the values the document client sends (before marshalling), by the
 * rules AWS publishes: attribute names and strings in UTF-8 bytes, numbers about one byte per two
 * significant digits plus one, booleans and nulls one byte, lists and maps three bytes plus one
 * byte per element. Capacity is charged on this size: 1 KB per write unit, 4 KB per read unit.
 */
export function valueSize(value: unknown): number {
  if (value === undefined) return 0;
  if (value === null || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return Buffer.byteLength(value, 'utf8');
  if (typeof value === 'number' || typeof value === 'bigint') {
    const digits = String(value)
      .replace(/^-/, '')
      .replace(/[.]/, '')
      .replace(/e.*$/i, '')
      .replace(/^0+/, '')
      .replace(/0+$/, '');
    return Math.ceil(Math.max(1, digits.length) / 2) + 1;
  }
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof Set) return [...value].reduce((sum: number, v) => sum + valueSize(v), 0);
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, v) => sum + 1 + valueSize(v), 0);
  if (typeof value === 'object') {
    return (
      3 +
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .reduce((sum, [name, v]) => sum + 1 + Buffer.byteLength(name, 'utf8') + valueSize(v), 0)
    );
  }
  return 0;
}

export function itemSize(item: Record<string, unknown>): number {
  return Object.entries(item)
    .filter(([, v]) => v !== undefined)
    .reduce((sum, [name, v]) => sum + Buffer.byteLength(name, 'utf8') + valueSize(v), 0);
}

/** Write units for an item of this many bytes: one per KB or part of one. */
export const writeUnits = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));
