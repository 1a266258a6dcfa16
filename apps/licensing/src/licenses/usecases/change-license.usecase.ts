import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LicenseRevoked, LicenseUpdated, type ActorFields } from '@platform/contracts';
import { draft, OutboxPublisher } from '@platform/messaging';
import { Clock } from '../../shared/clock';
import { toLicensePayload } from '../dto/license.response';
import { UpdateLicenseDto } from '../dto/license.dto';
import { LicenseEntity } from '../license.entity';
import { LicensesRepository } from '../licenses.repository';

/** PATCH (new dates) and revoke of a license, each under the license's row lock and with its event. */
@Injectable()
export class ChangeLicenseUseCase {
  constructor(
    private readonly licenses: LicensesRepository,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
  ) {}

  /**
   * New dates. Moving `validUntil` into the future clears the expiry claim, so the license
   * expires again (and says so once more) at its new end.
   */
  update(id: string, input: UpdateLicenseDto, actor: ActorFields): Promise<LicenseEntity> {
    return this.licenses.transaction(async (manager) => {
      const license = await this.lockActive(manager, id);
      const validFrom = input.validFrom ?? license.validFrom;
      const validUntil = input.validUntil ?? license.validUntil;
      if (validUntil.getTime() <= validFrom.getTime())
        throw new BadRequestException('validUntil must be after validFrom');
      const reopened = validUntil.getTime() > this.clock.now().getTime();
      const updated = await this.licenses.update(manager, id, {
        validFrom,
        validUntil,
        ...(reopened ? { expiredAt: null } : {}),
      });
      const payload = { ...toLicensePayload(updated), ...actor };
      await this.outbox.add(
        manager,
        draft(LicenseUpdated, id, payload, { entity: updated.entity }),
      );
      return updated;
    });
  }

  revoke(id: string, reason: string | undefined, actor: ActorFields): Promise<LicenseEntity> {
    return this.licenses.transaction(async (manager) => {
      await this.lockActive(manager, id);
      const license = await this.licenses.update(manager, id, {
        revokedAt: this.clock.now(),
        revokedReason: reason ?? null,
      });
      const by = actor.actorUser ?? actor.actorClient ?? 'unknown';
      const payload = { ...toLicensePayload(license, reason ?? `revoked by ${by}`), ...actor };
      await this.outbox.add(
        manager,
        draft(LicenseRevoked, license.id, payload, { entity: license.entity }),
      );
      return license;
    });
  }

  private async lockActive(manager: EntityManager, id: string): Promise<LicenseEntity> {
    const license = await this.licenses.findForUpdate(manager, id);
    if (!license) throw new NotFoundException(`license '${id}' not found`);
    if (license.revokedAt) throw new ConflictException('the license is revoked');
    return license;
  }
}
