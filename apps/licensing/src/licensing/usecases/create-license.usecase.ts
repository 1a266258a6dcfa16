import { BadRequestException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LicenseCreated, type ActorFields } from '@platform/contracts';
import { draft, OutboxPublisher } from '@platform/messaging';
import { DatabasesRepository } from '../../databases/databases.repository';
import { SistemasRepository } from '../../sistemas/sistemas.repository';
import { CreateLicenseDto } from '../dto/license.dto';
import { toLicensePayload } from '../dto/license.response';
import { LicenseEntity } from '../license.entity';
import { LicensesRepository } from '../licenses.repository';

/** Grants a license of a system to a context and publishes `license.created`. */
@Injectable()
export class CreateLicenseUseCase {
  constructor(
    private readonly licenses: LicensesRepository,
    private readonly databases: DatabasesRepository,
    private readonly sistemas: SistemasRepository,
    private readonly outbox: OutboxPublisher,
  ) {}

  execute(input: CreateLicenseDto, actor: ActorFields): Promise<LicenseEntity> {
    if (input.validUntil.getTime() <= input.validFrom.getTime()) {
      throw new BadRequestException('validUntil must be after validFrom');
    }
    return this.licenses.transaction(async (manager) => {
      await this.checkReferences(input, manager);
      // One instant for the row's version and its event: the gateway orders both by it (ADR 16).
      const at = new Date();
      const license = await this.licenses.insert(
        {
          entity: input.entity,
          database: input.database,
          system: input.system,
          validFrom: input.validFrom,
          validUntil: input.validUntil,
          createdAt: at,
          updatedAt: at,
        },
        manager,
      );
      await this.outbox.add(
        manager,
        draft(
          LicenseCreated,
          license.id,
          { ...toLicensePayload(license), ...actor },
          { entity: license.entity, time: at },
        ),
      );
      return license;
    });
  }

  /** A license names a database OF its entity and a known system; otherwise 422 says which. */
  private async checkReferences(input: CreateLicenseDto, manager: EntityManager): Promise<void> {
    const db = await this.databases.findById(input.database, manager);
    if (!db || db.entity !== input.entity) {
      throw new UnprocessableEntityException(
        'database does not exist or does not belong to entity',
      );
    }
    if (!(await this.sistemas.exists(input.system, manager))) {
      throw new UnprocessableEntityException('system does not exist');
    }
  }
}
