import { idempotencyMigrations } from '@platform/http';
import { messagingMigrations } from '@platform/messaging';
import { migrations } from './migrations';

/**
 * Every migration of the webhooks database, in order: the shared outbox and inbox tables, the
 * service's own, then the Idempotency-Key records (@platform/http). Applied at boot
 * (app.module.ts) and by `npm run migrate webhooks` (tools/migrate.mjs).
 */
export const schemaMigrations = [...messagingMigrations, ...migrations, ...idempotencyMigrations];
