import type { LicensePayload } from '@platform/contracts';
import type { LicenseEntity } from '../license.entity';
import { licenseStatus, type LicenseStatus } from '../license-status';

export interface LicenseResponse {
  id: string;
  entity: string;
  database: string;
  system: string;
  validFrom: string;
  validUntil: string;
  status: LicenseStatus;
  revokedAt: string | null;
  createdAt: string;
}

export function toLicenseResponse(l: LicenseEntity, now: Date): LicenseResponse {
  return {
    id: l.id,
    entity: l.entity,
    database: l.database,
    system: l.system,
    validFrom: l.validFrom.toISOString(),
    validUntil: l.validUntil.toISOString(),
    status: licenseStatus(l, now),
    revokedAt: l.revokedAt?.toISOString() ?? null,
    createdAt: l.createdAt.toISOString(),
  };
}

export function toLicensePayload(l: LicenseEntity, reason?: string): LicensePayload {
  return {
    id: l.id,
    entity: l.entity,
    database: l.database,
    system: l.system,
    validFrom: l.validFrom.toISOString(),
    validUntil: l.validUntil.toISOString(),
    ...(reason === undefined ? {} : { reason }),
  };
}
