import { messagingMigrations } from '@platform/messaging';

/**
 * Every migration of the gateway's database: only the shared outbox and inbox tables, for the
 * outbox of its refusals (ADR 0013). Applied at boot (app.module.ts) and by
 * `npm run migrate gateway` (tools/migrate.mjs).
 */
export const schemaMigrations = [...messagingMigrations];
