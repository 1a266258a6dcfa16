export * from './topics';
export * from './event';
export * from './events';
export * from './asyncapi';
export * from './internal/gateway-snapshot';
export * from './catalogue';
