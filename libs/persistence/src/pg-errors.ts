/** Postgres SQLSTATE codes the repositories translate into domain errors (PostgreSQL, Appendix A). */
export const UNIQUE_VIOLATION = '23505';
export const FOREIGN_KEY_VIOLATION = '23503';

/** The SQLSTATE of a driver error (`QueryFailedError` keeps pg's `code`), if it has one. */
export const pgCode = (e: unknown): string | undefined =>
  typeof e === 'object' && e !== null ? (e as { code?: string }).code : undefined;

export const isUniqueViolation = (e: unknown): boolean => pgCode(e) === UNIQUE_VIOLATION;
export const isForeignKeyViolation = (e: unknown): boolean => pgCode(e) === FOREIGN_KEY_VIOLATION;
