import { ConflictException, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LicenseEntity } from '../license.entity';
import { LicensesRepository } from '../licenses.repository';

/** The license, locked for the transaction; 404 when there is none, 409 once it is revoked. */
export async function lockActiveLicense(
  licenses: LicensesRepository,
  id: string,
  manager: EntityManager,
): Promise<LicenseEntity> {
  const license = await licenses.findForUpdate(id, manager);
  if (!license) throw new NotFoundException(`license '${id}' not found`);
  if (license.revokedAt) throw new ConflictException('the license is revoked');
  return license;
}
