import { Injectable } from '@nestjs/common';
import { AccessRequestApproved } from '@platform/contracts';
import { draft, OutboxPublisher } from '@platform/messaging';
import { AccessesRepository } from '../../accesses/accesses.repository';
import { GrantAccessUseCase } from '../../accesses/usecases/grant-access.usecase';
import { ContextScope } from '../../shared/management-scope';
import { AccessRequestEntity } from '../access-request.entity';
import { toRequestPayload } from '../dto/request.dto';
import { RequestsRepository } from '../requests.repository';
import { lockPendingRequest } from './lock-pending-request';

/** Allows a pending request of the manager's context, which grants the user a plain access. */
@Injectable()
export class AllowRequestUseCase {
  constructor(
    private readonly requests: RequestsRepository,
    private readonly accesses: AccessesRepository,
    private readonly grantAccess: GrantAccessUseCase,
    private readonly outbox: OutboxPublisher,
  ) {}

  execute(scope: ContextScope, id: string, by: string): Promise<AccessRequestEntity> {
    return this.requests.transaction(async (manager) => {
      const request = await lockPendingRequest(this.requests, scope, id, manager);
      const context = { entity: request.entity, database: request.database };
      // Someone may have granted the access directly meanwhile: approve and point at it.
      const existing = await this.accesses.findActive(
        request.user,
        context.entity,
        context.database,
        manager,
      );
      const access =
        existing ??
        (await this.grantAccess.execute(
          scope,
          { user: request.user, role: 'user', context, grantedBy: by },
          manager,
        ));
      const decided = await this.requests.update(
        id,
        { status: 'approved', decidedBy: by, decidedAt: new Date(), accessId: access.id },
        manager,
      );
      await this.outbox.add(
        manager,
        draft(AccessRequestApproved, id, toRequestPayload(decided), { entity: context.entity }),
      );
      return decided;
    });
  }
}
