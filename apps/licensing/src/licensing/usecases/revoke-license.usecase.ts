import { Injectable } from '@nestjs/common';
import { LicenseRevoked, type ActorFields } from '@platform/contracts';
import { Clock } from '@platform/http';
import { draft, OutboxPublisher } from '@platform/messaging';
import { toLicensePayload } from '../dto/license.response';
import { LicenseEntity } from '../license.entity';
import { LicensesRepository } from '../licenses.repository';
import { lockActiveLicense } from './lock-active-license';

/** Revokes a license under its row lock and publishes `license.revoked` (same instant, ADR 16). */
@Injectable()
export class RevokeLicenseUseCase {
  constructor(
    private readonly licenses: LicensesRepository,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
  ) {}

  execute(id: string, reason: string | undefined, actor: ActorFields): Promise<LicenseEntity> {
    return this.licenses.transaction(async (manager) => {
      await lockActiveLicense(this.licenses, id, manager);
      const at = new Date();
      const license = await this.licenses.update(
        id,
        { revokedAt: this.clock.now(), revokedReason: reason ?? null, updatedAt: at },
        manager,
      );
      const by = actor.actorUser ?? actor.actorClient ?? 'unknown';
      const payload = { ...toLicensePayload(license, reason ?? `revoked by ${by}`), ...actor };
      await this.outbox.add(
        manager,
        draft(LicenseRevoked, license.id, payload, { entity: license.entity, time: at }),
      );
      return license;
    });
  }
}
