import {
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { isPlatformAdmin, type Principal } from '@platform/auth';
import { IntegrationChannelRequestDone } from '@platform/contracts';
import { draft, OutboxPublisher } from '@platform/messaging';
import type { ChannelRequestEntity } from '../integration.entities';
import { actorOf } from '../integration-caller';
import { IntegrationRepository } from '../integration.repository';
import { payloadOf } from './channel-request-payload';

/**
 * A platform administrator marks a channel request done once operations set the channel up;
 * notifications tells the context's admins.
 */
@Injectable()
export class CompleteChannelRequestUseCase {
  constructor(
    private readonly integrations: IntegrationRepository,
    private readonly outbox: OutboxPublisher,
  ) {}

  execute(caller: Principal, id: string, note: string | undefined): Promise<ChannelRequestEntity> {
    if (!isPlatformAdmin(caller))
      throw new ForbiddenException("Only the platform's administrators set up these channels.");
    const by = actorOf(caller);
    return this.integrations.transaction(async (m) => {
      const request = await this.integrations.findRequestForUpdate(id, m);
      if (!request) throw new NotFoundException(`channel request ${id} not found`);
      if (request.status === 'done') throw new ConflictException('this request is already done');
      Object.assign(request, {
        status: 'done',
        doneBy: by.actorUser ?? by.actorClient,
        doneAt: new Date(),
        note: note ?? null,
      });
      await this.integrations.saveRequest(request, m);
      await this.outbox.add(
        m,
        draft(
          IntegrationChannelRequestDone,
          request.id,
          { ...payloadOf(request), ...by },
          { entity: request.entity },
        ),
      );
      return request;
    });
  }
}
