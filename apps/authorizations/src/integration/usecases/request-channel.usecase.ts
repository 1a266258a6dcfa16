import { Injectable } from '@nestjs/common';
import { IntegrationChannelRequested, type RequestedChannel } from '@platform/contracts';
import { draft, OutboxPublisher } from '@platform/messaging';
import type { ChannelRequestEntity } from '../integration.entities';
import type { IntegrationActor } from '../integration-caller';
import { type IntegrationContext, IntegrationRepository } from '../integration.repository';
import { payloadOf } from './channel-request-payload';

/**
 * `001_*` "Outros canais": Connect:Direct and SFTP are set up by the platform's operations, on
 * request. The request is kept pending and announced (notifications tells the platform's
 * administrators) until an administrator marks it done (CompleteChannelRequestUseCase).
 */
@Injectable()
export class RequestChannelUseCase {
  constructor(
    private readonly integrations: IntegrationRepository,
    private readonly outbox: OutboxPublisher,
  ) {}

  execute(
    ctx: IntegrationContext,
    channel: RequestedChannel,
    message: string | undefined,
    by: IntegrationActor,
  ): Promise<ChannelRequestEntity> {
    return this.integrations.transaction(async (m) => {
      const request = await this.integrations.insertRequest(
        {
          ...ctx,
          channel,
          message: message ?? null,
          status: 'pending',
          requestedBy: by.actorUser ?? by.actorClient,
        },
        m,
      );
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
}
