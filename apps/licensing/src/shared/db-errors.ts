/** Postgres SQLSTATE codes the repositories translate into domain errors. */
export const UNIQUE_VIOLATION = '23505';
export const FOREIGN_KEY_VIOLATION = '23503';

export const pgCode = (e: unknown): string | undefined => (e as { code?: string }).code;
