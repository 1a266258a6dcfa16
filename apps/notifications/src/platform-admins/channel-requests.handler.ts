import { Injectable } from '@nestjs/common';
import {
  type ChannelRequestPayload,
  type EventEnvelope,
  IntegrationChannelRequestDone,
  IntegrationChannelRequested,
} from '@platform/contracts';
import { OnEvent, type ConsumeContext } from '@platform/messaging';
import { SendMessageUseCase } from '../messages/usecases/send-message.usecase';

const CHANNEL_NAMES: Record<ChannelRequestPayload['channel'], string> = {
  'connect-direct': 'Connect:Direct',
  sftp: 'SFTP',
};

/**
 * `001_*` "Outros canais": a context's request for a channel the platform's operations set up
 * becomes a message to the platform's administrators (`PLATFORM_ADMINS`); when one of them marks
 * it done, the context's admins are told. In the consumer's inbox transaction (once per event).
 */
@Injectable()
export class ChannelRequestsHandler {
  constructor(private readonly sendMessage: SendMessageUseCase) {}

  @OnEvent(IntegrationChannelRequested)
  async onRequested(
    event: EventEnvelope<ChannelRequestPayload>,
    ctx: ConsumeContext,
  ): Promise<void> {
    const d = event.data;
    await this.sendMessage.execute(
      {
        destination: 'PLATFORM_ADMINS',
        entity: d.context.entity,
        database: d.context.database,
        type: 'CHANNEL_REQUEST',
        // The context is on the message (its admins' screen shows which); no ids in the words.
        text: `${d.requestedBy} pediu o canal ${CHANNEL_NAMES[d.channel]} (veja Pedidos de canais)${d.message ? `: ${d.message}` : '.'}`,
        source: 'authorizations',
        aggregationMessageId: d.id,
        createdBy: 'authorizations',
      },
      ctx.manager,
    );
  }

  @OnEvent(IntegrationChannelRequestDone)
  async onDone(event: EventEnvelope<ChannelRequestPayload>, ctx: ConsumeContext): Promise<void> {
    const d = event.data;
    await this.sendMessage.execute(
      {
        destination: 'CONTEXT',
        audience: 'admins',
        entity: d.context.entity,
        database: d.context.database,
        type: 'CHANNEL_REQUEST_DONE',
        text: `O canal ${CHANNEL_NAMES[d.channel]} foi configurado${d.note ? `: ${d.note}` : '.'}`,
        source: 'authorizations',
        aggregationMessageId: d.id,
        createdBy: 'authorizations',
      },
      ctx.manager,
    );
  }
}
