import { Injectable } from '@nestjs/common';
import { AccessRequestDenied } from '@platform/contracts';
import { draft, OutboxPublisher } from '@platform/messaging';
import { ContextScope } from '../../shared/management-scope';
import { AccessRequestEntity } from '../access-request.entity';
import { toRequestPayload } from '../dto/request.dto';
import { RequestsRepository } from '../requests.repository';
import { lockPendingRequest } from './lock-pending-request';

/** Denies a pending request of the manager's context. */
@Injectable()
export class DenyRequestUseCase {
  constructor(
    private readonly requests: RequestsRepository,
    private readonly outbox: OutboxPublisher,
  ) {}

  execute(scope: ContextScope, id: string, by: string): Promise<AccessRequestEntity> {
    return this.requests.transaction(async (manager) => {
      const request = await lockPendingRequest(this.requests, scope, id, manager);
      const decided = await this.requests.update(
        id,
        { status: 'denied', decidedBy: by, decidedAt: new Date() },
        manager,
      );
      await this.outbox.add(
        manager,
        draft(AccessRequestDenied, id, toRequestPayload(decided), { entity: request.entity }),
      );
      return decided;
    });
  }
}
