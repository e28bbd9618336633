/**
 * The browser never builds audit hash chains or invitation codes; this stands in for node:crypto
 * in the web bundle, which imports the domain for its schemas only.
 */
export function createHash(): never {
  throw new Error('node:crypto is not available in the browser');
}

export function randomBytes(): never {
  throw new Error('node:crypto is not available in the browser');
}

export function timingSafeEqual(): never {
  throw new Error('node:crypto is not available in the browser');
}

export function randomUUID(): string {
  return crypto.randomUUID();
}
