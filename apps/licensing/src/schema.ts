import { idempotencyMigrations } from '@platform/http';
import { messagingMigrations } from '@platform/messaging';
import { migrations } from './migrations';

/**
 * Every migration of the licensing database, in order: the shared outbox and inbox tables, then the
 * service's own. Applied at boot (app.module.ts) and by `npm run migrate licensing` (tools/migrate.mjs).
 */
export const schemaMigrations = [...messagingMigrations, ...migrations, ...idempotencyMigrations];
