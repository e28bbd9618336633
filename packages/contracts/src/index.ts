export * from './common.ts';
export * from './directory.ts';
export * from './openapi.ts';
export * from './orders.ts';
export * from './payments.ts';
export * from './people.ts';
export * from './platform.ts';
export * from './route-spec.ts';
