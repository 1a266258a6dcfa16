import { migrations } from './migrations';

/**
 * Every migration of the portal's database (its sessions). Applied at boot (app.module.ts) and by
 * `npm run migrate portal` (tools/migrate.mjs).
 */
export const schemaMigrations = [...migrations];
