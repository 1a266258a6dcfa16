import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import {
  type ChannelRequestPayload,
  IntegrationChannelRequestDone,
  IntegrationChannelRequested,
  type RequestedChannel,
} from '@platform/contracts';
import { draft, OutboxPublisher } from '@platform/messaging';
import type { ChannelRequestEntity } from '../integration.entities';
import type { IntegrationActor } from '../integration-caller';
import { type IntegrationContext, IntegrationRepository } from '../integration.repository';

/**
 * `001_*` "Outros canais": Connect:Direct and SFTP are set up by the platform's operations, on
 * request. The request is kept pending and announced (notifications tells the platform's
 * administrators) until an administrator marks it done (notifications tells the context's admins).
 */
@Injectable()
export class ChannelRequestsUseCase {
  constructor(
    private readonly integrations: IntegrationRepository,
    private readonly outbox: OutboxPublisher,
  ) {}

  request(
    ctx: IntegrationContext,
    channel: RequestedChannel,
    message: string | undefined,
    by: IntegrationActor,
  ): Promise<ChannelRequestEntity> {
    return this.integrations.transaction(async (m) => {
      const request = await this.integrations.insertRequest(m, {
        ...ctx,
        channel,
        message: message ?? null,
        status: 'pending',
        requestedBy: by.actorUser ?? by.actorClient,
      });
      await this.outbox.add(
        m,
        draft(
          IntegrationChannelRequested,
          request.id,
          { ...payloadOf(request), ...by },
          { entity: ctx.entity },
        ),
      );
      return request;
    });
  }

  done(id: string, note: string | undefined, by: IntegrationActor): Promise<ChannelRequestEntity> {
    return this.integrations.transaction(async (m) => {
      const request = await this.integrations.lockRequest(m, id);
      if (!request) throw new NotFoundException(`channel request ${id} not found`);
      if (request.status === 'done') throw new ConflictException('this request is already done');
      Object.assign(request, {
        status: 'done',
        doneBy: by.actorUser ?? by.actorClient,
        doneAt: new Date(),
        note: note ?? null,
      });
      await m.save(request);
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

function payloadOf(r: ChannelRequestEntity): ChannelRequestPayload {
  return {
    id: r.id,
    context: { entity: r.entity, database: r.database },
    channel: r.channel,
    status: r.status,
    requestedBy: r.requestedBy,
    ...(r.message === null ? {} : { message: r.message }),
    ...(r.doneBy === null ? {} : { doneBy: r.doneBy }),
    ...(r.note === null ? {} : { note: r.note }),
  };
}
