import type { LicenseStatus, LicenseValidation, ValidationCode } from './dto/license.response';
import type { LicenseEntity } from './license.entity';

export type { LicenseStatus, LicenseValidation, ValidationCode } from './dto/license.response';

type Dates = Pick<LicenseEntity, 'validFrom' | 'validUntil' | 'revokedAt'>;

/** The state of a license at `now`; revocation wins over dates. `validUntil` is exclusive. */
export function licenseCode(license: Dates | null, now: Date): ValidationCode {
  if (!license) return 'NOT_FOUND';
  if (license.revokedAt) return 'REVOKED';
  if (now.getTime() < license.validFrom.getTime()) return 'NOT_YET_VALID';
  if (now.getTime() >= license.validUntil.getTime()) return 'EXPIRED';
  return 'VALID';
}

const STATUS: Record<ValidationCode, LicenseStatus> = {
  VALID: 'active',
  REVOKED: 'revoked',
  EXPIRED: 'expired',
  NOT_YET_VALID: 'pending',
  NOT_FOUND: 'expired',
};

export const licenseStatus = (license: Dates, now: Date): LicenseStatus =>
  STATUS[licenseCode(license, now)];

export function validateLicense(license: Dates | null, now: Date): LicenseValidation {
  const code = licenseCode(license, now);
  return {
    valid: code === 'VALID',
    code,
    detail: license ? describe(code, license) : NOT_FOUND_DETAIL,
  };
}

const NOT_FOUND_DETAIL = 'No license exists for this entity, database and system.';

function describe(code: ValidationCode, license: Dates): string {
  switch (code) {
    case 'VALID':
      return `The license is active until ${license.validUntil.toISOString()}.`;
    case 'NOT_FOUND':
      return NOT_FOUND_DETAIL;
    case 'REVOKED':
      return `The license was revoked at ${license.revokedAt?.toISOString() ?? 'an unknown time'}.`;
    case 'EXPIRED':
      return `The license expired at ${license.validUntil.toISOString()}.`;
    case 'NOT_YET_VALID':
      return `The license is valid from ${license.validFrom.toISOString()}.`;
  }
}
