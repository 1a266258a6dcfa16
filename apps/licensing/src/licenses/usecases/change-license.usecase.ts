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

/**
 * PATCH (new dates) and revoke of a license, each under the license's row lock and with its event.
 * The row's `updatedAt` and the event's time are the same instant: the gateway's license view
 * keeps whichever of a snapshot row and an event is later (ADR 16).
 */
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
      const at = new Date();
      const updated = await this.licenses.update(manager, id, {
        validFrom,
        validUntil,
        updatedAt: at,
        ...(reopened ? { expiredAt: null } : {}),
      });
      const payload = { ...toLicensePayload(updated), ...actor };
      await this.outbox.add(
        manager,
        draft(LicenseUpdated, id, payload, { entity: updated.entity, time: at }),
      );
      return updated;
    });
  }

  revoke(id: string, reason: string | undefined, actor: ActorFields): Promise<LicenseEntity> {
    return this.licenses.transaction(async (manager) => {
      await this.lockActive(manager, id);
      const at = new Date();
      const license = await this.licenses.update(manager, id, {
        revokedAt: this.clock.now(),
        revokedReason: reason ?? null,
        updatedAt: at,
      });
      const by = actor.actorUser ?? actor.actorClient ?? 'unknown';
      const payload = { ...toLicensePayload(license, reason ?? `revoked by ${by}`), ...actor };
      await this.outbox.add(
        manager,
        draft(LicenseRevoked, license.id, payload, { entity: license.entity, time: at }),
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
