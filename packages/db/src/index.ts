export * from './client.ts';
export * from './directory-store.ts';
export * from './idempotency-store.ts';
export * from './keys.ts';
export * from './query.ts';
export * from './table.ts';
export * from './user-store.ts';
