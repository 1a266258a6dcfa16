export * from './context.dto';
export * from './users.events';
export * from './accesses.events';
export * from './licensing.events';
export * from './notifications.events';
export * from './oauth.events';
export * from './webhooks.events';
export * from './security.events';
