import type { LicensePayload } from '@platform/contracts';
import type { LicenseEntity } from '../license.entity';
import { licenseStatus } from '../license-status';

/** Why a license does or does not let its context use the system (`validate`, spec §4). */
export type ValidationCode = 'VALID' | 'NOT_FOUND' | 'EXPIRED' | 'REVOKED' | 'NOT_YET_VALID';
export type LicenseStatus = 'active' | 'revoked' | 'expired' | 'pending';

export class LicenseResponse {
  id: string;
  /** The context's entity. */
  entity: string;
  /** The context's database. */
  database: string;
  /** The system it licenses. */
  system: string;
  validFrom: string;
  /** Exclusive: the license ends at this instant. */
  validUntil: string;
  status: LicenseStatus;
  revokedAt: string | null;
  createdAt: string;
}

/** The answer of `validate` (200 when `valid`, else 403): why the license does or does not hold. */
export class LicenseValidation {
  valid: boolean;
  code: ValidationCode;
  /** The same, in plain words. */
  detail: string;
}

/** What every view of a license carries: whose it is, for which system, and its period. */
export function licenseTerms(l: LicenseEntity) {
  return {
    id: l.id,
    entity: l.entity,
    database: l.database,
    system: l.system,
    validFrom: l.validFrom.toISOString(),
    validUntil: l.validUntil.toISOString(),
  };
}

export function toLicenseResponse(l: LicenseEntity, now: Date): LicenseResponse {
  return {
    ...licenseTerms(l),
    status: licenseStatus(l, now),
    revokedAt: l.revokedAt?.toISOString() ?? null,
    createdAt: l.createdAt.toISOString(),
  };
}

export function toLicensePayload(l: LicenseEntity, reason?: string): LicensePayload {
  return {
    ...licenseTerms(l),
    ...(reason === undefined ? {} : { reason }),
  };
}
