/**
 * oauth asks licensing about a license before it binds a client to it (`000_*`): an internal
 * route (audience `licensing.internal`, ADR 3 addendum) with this scope, answered by licensing,
 * the owner of licenses, rather than by a copy in oauth that would lag behind a revocation.
 */
export const LICENSE_LOOKUP_SCOPE = 'internal.license-lookup';

export const licenseLookupPath = (id: string): string =>
  `/internal/v1/licenses/${encodeURIComponent(id)}`;

/** The answer: the license's context and its state now (`code` as `.../licensing/validate`). */
export interface LicenseLookup {
  id: string;
  entity: string;
  database: string;
  system: string;
  validFrom: string;
  validUntil: string;
  code: 'VALID' | 'EXPIRED' | 'REVOKED' | 'NOT_YET_VALID';
}
