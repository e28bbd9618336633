/**
 * The browser never builds audit hash chains or invitation codes; this stands in for node:crypto
 * in the web bundle. Every name the domain imports from node:crypto must be exported here, or the
 * web build fails.
 */
const unavailable = (): never => {
  throw new Error('node:crypto is not available in the browser');
};

export const createHash = unavailable;
export const randomBytes = unavailable;
export const timingSafeEqual = unavailable;

export function randomUUID(): string {
  return crypto.randomUUID();
}
