type Item = Record<string, unknown>;

/**
 * Which operation each item of a TransactWriteItems is and how it is guarded: what two
 * transactions must share to be the same shape. A raw floor is checked against a transaction
 * captured from the runtime with this, so it cannot quietly write less than the real request does.
 */
export function shapeOf(items: ReadonlyArray<Record<string, Item>>): string[] {
  return items.map((entry) => {
    const [op, body] = Object.entries(entry)[0] ?? ['?', {}];
    const key = (body.Key ?? body.Item ?? {}) as Item;
    const prefix = (value: unknown) => String(value ?? '').split('#')[0];
    return [
      op,
      prefix(key.pk),
      prefix(key.sk),
      String(body.ConditionExpression ?? ''),
      String(body.UpdateExpression ?? ''),
      Object.keys(body.Item ?? {})
        .sort()
        .join(','),
    ].join(' | ');
  });
}
