export * from './guards.ts';
export * from './select-rail.ts';
export * from './simulated-rail.ts';
export * from './stripe-rail.ts';
export * from './stripe-webhooks.ts';
