import { BadRequestException, Injectable } from '@nestjs/common';
import { LicenseUpdated, type ActorFields } from '@platform/contracts';
import { Clock } from '@platform/http';
import { draft, OutboxPublisher } from '@platform/messaging';
import { toLicensePayload } from '../dto/license.response';
import { UpdateLicenseDto } from '../dto/license.dto';
import { LicenseEntity } from '../license.entity';
import { LicensesRepository } from '../licenses.repository';
import { lockActiveLicense } from './lock-active-license';

/**
 * New dates for a license (PATCH), under the license's row lock and with `license.updated`.
 * Moving `validUntil` into the future clears the expiry claim, so the license expires again (and
 * says so once more) at its new end. The row's `updatedAt` and the event's time are the same
 * instant: the gateway's license view keeps whichever of a snapshot row and an event is later
 * (ADR 16).
 */
@Injectable()
export class UpdateLicenseUseCase {
  constructor(
    private readonly licenses: LicensesRepository,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
  ) {}

  execute(id: string, input: UpdateLicenseDto, actor: ActorFields): Promise<LicenseEntity> {
    return this.licenses.transaction(async (manager) => {
      const license = await lockActiveLicense(this.licenses, id, manager);
      const validFrom = input.validFrom ?? license.validFrom;
      const validUntil = input.validUntil ?? license.validUntil;
      if (validUntil.getTime() <= validFrom.getTime())
        throw new BadRequestException('validUntil must be after validFrom');
      const reopened = validUntil.getTime() > this.clock.now().getTime();
      const at = new Date();
      const updated = await this.licenses.update(
        id,
        { validFrom, validUntil, updatedAt: at, ...(reopened ? { expiredAt: null } : {}) },
        manager,
      );
      const payload = { ...toLicensePayload(updated), ...actor };
      await this.outbox.add(
        manager,
        draft(LicenseUpdated, id, payload, { entity: updated.entity, time: at }),
      );
      return updated;
    });
  }
}
