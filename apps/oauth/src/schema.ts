import { idempotencyMigrations } from '@platform/http';
import { messagingMigrations } from '@platform/messaging';
import { migrations } from './migrations';

/**
 * Every migration of the oauth database, in order: the shared outbox and inbox tables, then the
 * service's own. Applied at boot (app.module.ts) and by `npm run migrate oauth` (tools/migrate.mjs).
 */
export const schemaMigrations = [...messagingMigrations, ...migrations, ...idempotencyMigrations];
