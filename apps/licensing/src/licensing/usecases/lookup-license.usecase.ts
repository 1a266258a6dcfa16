import { Injectable, NotFoundException } from '@nestjs/common';
import type { LicenseLookup } from '@platform/contracts';
import { Clock } from '@platform/http';
import { licenseCode } from '../license-status';
import { LicensesRepository } from '../licenses.repository';

/** oauth's look-up of a license before it binds a client to it; 404 for an unknown id. */
@Injectable()
export class LookupLicenseUseCase {
  constructor(
    private readonly licenses: LicensesRepository,
    private readonly clock: Clock,
  ) {}

  async execute(id: string): Promise<LicenseLookup> {
    const license = await this.licenses.findById(id);
    if (!license) throw new NotFoundException(`license '${id}' not found`);
    const code = licenseCode(license, this.clock.now());
    if (code === 'NOT_FOUND') throw new NotFoundException(`license '${id}' not found`);
    return {
      id: license.id,
      entity: license.entity,
      database: license.database,
      system: license.system,
      validFrom: license.validFrom.toISOString(),
      validUntil: license.validUntil.toISOString(),
      code,
    };
  }
}
