/** Integer pence. Branded so a plain number cannot be passed where money is meant by accident. */
export type Pence = number & { readonly __brand: 'Pence' };

export function pence(value: number): Pence {
  if (!Number.isSafeInteger(value))
    throw new RangeError(`Money must be a whole number of pence, got ${value}`);
  return value as Pence;
}

/**
 * Splits `total` into `weights.length` integer shares proportional to the weights, using the
 * largest-remainder method so the shares always add up to the total exactly.
 */
export function splitByLargestRemainder(total: Pence, weights: readonly number[]): Pence[] {
  if (weights.length === 0) return [];
  const weightSum = weights.reduce((a, b) => a + b, 0);
  if (weightSum <= 0) throw new RangeError('weights must add up to more than zero');
  const exact = weights.map((w) => (total * w) / weightSum);
  const floors = exact.map(Math.floor);
  let left = total - floors.reduce((a, b) => a + b, 0);
  const order = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    floors[index] = (floors[index] ?? 0) + 1;
    left -= 1;
  }
  return floors.map(pence);
}

/**
 * Pence as people read money in sentences: "£5,200", "£12.50". Used only for words in API
 * messages; amounts themselves always travel as integer pence.
 */
export function poundsText(amountPence: number): string {
  const whole = amountPence % 100 === 0;
  return `£${(amountPence / 100).toLocaleString('en-GB', {
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: 2,
  })}`;
}
