import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessRequestApproved, AccessRequestDenied } from '@platform/contracts';
import { draft, OutboxPublisher } from '@platform/messaging';
import { AccessesRepository } from '../../accesses/accesses.repository';
import { GrantAccessUseCase } from '../../accesses/usecases/grant-access.usecase';
import { ContextScope, inScope } from '../../shared/management-scope';
import { AccessRequestEntity } from '../access-request.entity';
import { toRequestPayload } from '../dto/request.dto';
import { RequestsRepository } from '../requests.repository';

/** Allow (which grants a plain user access) or deny a pending request of the manager's context. */
@Injectable()
export class DecideRequestUseCase {
  constructor(
    private readonly requests: RequestsRepository,
    private readonly accesses: AccessesRepository,
    private readonly grantAccess: GrantAccessUseCase,
    private readonly outbox: OutboxPublisher,
  ) {}

  allow(scope: ContextScope, id: string, by: string): Promise<AccessRequestEntity> {
    return this.requests.transaction(async (manager) => {
      const request = await this.lockPending(manager, scope, id);
      const context = { entity: request.entity, database: request.database };
      // Someone may have granted the access directly meanwhile: approve and point at it.
      const existing = await this.accesses.findActive(manager, request.user, context.entity, context.database);
      const access = existing ?? (await this.grantAccess.grant(manager, { user: request.user, role: 'user', context, grantedBy: by }));
      const decided = await this.requests.update(manager, id, { status: 'approved', decidedBy: by, decidedAt: new Date(), accessId: access.id });
      await this.outbox.add(manager, draft(AccessRequestApproved, id, toRequestPayload(decided), { entity: context.entity }));
      return decided;
    });
  }

  deny(scope: ContextScope, id: string, by: string): Promise<AccessRequestEntity> {
    return this.requests.transaction(async (manager) => {
      const request = await this.lockPending(manager, scope, id);
      const decided = await this.requests.update(manager, id, { status: 'denied', decidedBy: by, decidedAt: new Date() });
      await this.outbox.add(manager, draft(AccessRequestDenied, id, toRequestPayload(decided), { entity: request.entity }));
      return decided;
    });
  }

  private async lockPending(manager: EntityManager, scope: ContextScope, id: string): Promise<AccessRequestEntity> {
    const request = await this.requests.findForUpdate(manager, id);
    // Another context's request answers as if it did not exist.
    if (!request || !inScope(scope, request)) throw new NotFoundException(`request '${id}' not found`);
    if (request.status !== 'pending') throw new ConflictException(`the request is already ${request.status}`);
    return request;
  }
}
