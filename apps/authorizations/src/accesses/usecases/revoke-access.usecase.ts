import { Injectable, NotFoundException } from '@nestjs/common';
import { AccessRevoked } from '@platform/contracts';
import { draft, OutboxPublisher } from '@platform/messaging';
import { ContextScope, inScope } from '../../shared/management-scope';
import { AccessEntity } from '../access.entity';
import { AccessesRepository } from '../accesses.repository';

/** Removes an access of the manager's context and publishes `access.revoked`. */
@Injectable()
export class RevokeAccessUseCase {
  constructor(
    private readonly accesses: AccessesRepository,
    private readonly outbox: OutboxPublisher,
  ) {}

  execute(scope: ContextScope, id: string, by: string): Promise<AccessEntity> {
    return this.accesses.transaction(async (manager) => {
      const found = await this.accesses.findActiveForUpdate(id, manager);
      // Another context's access answers as if it did not exist: no probing of ids.
      if (!found || !inScope(scope, found)) throw new NotFoundException(`access '${id}' not found`);
      const access = await this.accesses.deactivate(id, by, manager);
      const payload = {
        id,
        user: access.user,
        context: { entity: access.entity, database: access.database },
        revokedBy: by,
      };
      await this.outbox.add(manager, draft(AccessRevoked, id, payload, { entity: access.entity }));
      return access;
    });
  }
}
