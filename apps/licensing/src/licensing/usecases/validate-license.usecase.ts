import { Injectable } from '@nestjs/common';
import type { Principal } from '@platform/auth';
import { Clock } from '@platform/http';
import { assertMayCheckLicense } from '../../shared/caller-scope';
import { LicenseValidation } from '../dto/license.response';
import { validateLicense } from '../license-status';
import { LicenseKey, LicensesRepository } from '../licenses.repository';

/**
 * Whether the latest license of a context and system is active now, and if not why (spec §4).
 * No license is an answer here (`NOT_FOUND`), not a 404. A service token may ask without
 * `User-Access`, as `002_*` does; a user only about its own context.
 */
@Injectable()
export class ValidateLicenseUseCase {
  constructor(
    private readonly licenses: LicensesRepository,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Principal, key: LicenseKey): Promise<LicenseValidation> {
    assertMayCheckLicense(caller, key.entity, key.database);
    return validateLicense(await this.licenses.latest(key), this.clock.now());
  }
}
