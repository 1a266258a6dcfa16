import { Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@platform/auth';
import { assertMayCheckLicense } from '../../shared/caller-scope';
import { LicenseEntity } from '../license.entity';
import { LicenseKey, LicensesRepository } from '../licenses.repository';

/** The latest license of a context and system; a service token may ask, as `validate`. */
@Injectable()
export class GetLatestLicenseUseCase {
  constructor(private readonly licenses: LicensesRepository) {}

  async execute(caller: Principal, key: LicenseKey): Promise<LicenseEntity> {
    assertMayCheckLicense(caller, key.entity, key.database);
    const license = await this.licenses.latest(key);
    if (!license) throw new NotFoundException('no license for this entity, database and system');
    return license;
  }
}
