/** The browser never builds audit hash chains; this stands in for node:crypto in the web bundle. */
export function createHash(): never {
  throw new Error('node:crypto is not available in the browser');
}

export function randomUUID(): string {
  return crypto.randomUUID();
}
