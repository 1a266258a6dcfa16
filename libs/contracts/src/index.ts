export * from './topics';
export * from './event';
export * from './nested-array';
export * from './events';
export * from './asyncapi';
export * from './internal/gateway-snapshot';
export * from './internal/license-lookup';
export * from './endpoints';
